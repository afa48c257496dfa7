// The Customer Service Excellence standard: 5 criteria, 15 sub-criteria, 57 elements.
// Statements are verbatim from the standard as quoted in a 2017 assessor report (the same 57
// elements are assessed in the 2023 reports). Bump STANDARD_VERSION when the wording changes.
import type { Criterion } from "./types.js";

export const STANDARD_VERSION = "cse-57.v1";

export const CRITERIA: readonly Criterion[] = [
  {
    number: 1,
    title: "Customer Insight",
    subCriteria: [
      {
        ref: "1.1",
        title: "Customer Identification",
        elements: [
          {
            ref: "1.1.1",
            statement:
              "We have an in-depth understanding of the characteristics of our current and potential customer groups based on recent and reliable information.",
          },
          {
            ref: "1.1.2",
            statement: "We have developed customer insight about our customer groups to better understand their needs and preferences.",
          },
          {
            ref: "1.1.3",
            statement:
              "We make particular efforts to identify hard to reach and disadvantaged groups and individuals and have developed our services in response to their specific needs.",
          },
        ],
      },
      {
        ref: "1.2",
        title: "Engagement and Consultation",
        elements: [
          {
            ref: "1.2.1",
            statement:
              "We have a strategy for engaging and involving customers using a range of methods appropriate to the needs of identified customer groups.",
          },
          {
            ref: "1.2.2",
            statement:
              "We have made the consultation of customers integral to continually improving our service and we advise customers of the results and action taken.",
          },
          {
            ref: "1.2.3",
            statement:
              "We regularly review our strategies and opportunities for consulting and engaging with customers to ensure that the methods used are effective and provide reliable and representative results.",
          },
        ],
      },
      {
        ref: "1.3",
        title: "Customer Satisfaction",
        elements: [
          { ref: "1.3.1", statement: "We use reliable and accurate methods to measure customer satisfaction on a regular basis." },
          {
            ref: "1.3.2",
            statement:
              "We analyse and publicise satisfaction levels for the full range of customers for all main areas of our service and we have improved services as a result.",
          },
          {
            ref: "1.3.3",
            statement:
              "We include in our measurement of satisfaction specific questions relating to key areas including those on delivery, timeliness, information, access, and the quality of customer service, as well as specific questions which are informed by customer insight.",
          },
          { ref: "1.3.4", statement: "We set challenging and stretching targets for customer satisfaction and our levels are improving." },
          {
            ref: "1.3.5",
            statement:
              "We have made positive changes to services as a result of analysing customer experience, including improved customer journeys.",
          },
        ],
      },
    ],
  },
  {
    number: 2,
    title: "The Culture of the Organisation",
    subCriteria: [
      {
        ref: "2.1",
        title: "Leadership, Policy & Culture",
        elements: [
          {
            ref: "2.1.1",
            statement:
              "There is corporate commitment to putting the customer at the heart of service delivery and leaders in our organisation actively support this and advocate for customers.",
          },
          {
            ref: "2.1.2",
            statement: "We use customer insight to inform policy and strategy and to prioritise service improvement activity.",
          },
          {
            ref: "2.1.3",
            statement: "We have policies and procedures which support the right of all customers to expect excellent levels of service.",
          },
          {
            ref: "2.1.4",
            statement:
              "We ensure that all customers and customer groups are treated fairly and this is confirmed by feedback and the measurement of customer experience.",
          },
          {
            ref: "2.1.5",
            statement:
              "We protect customers' privacy both in face-to-face discussions and in the transfer and storage of customer information.",
          },
          {
            ref: "2.1.6",
            statement:
              "We empower and encourage all employees to actively promote and participate in the customer focused culture of our organisation.",
          },
        ],
      },
      {
        ref: "2.2",
        title: "Staff Professionalism and Attitude",
        elements: [
          {
            ref: "2.2.1",
            statement:
              "We can demonstrate our commitment to developing and delivering customer focused services through our recruitment, training and development policies for staff.",
          },
          { ref: "2.2.2", statement: "Our staff are polite and friendly to customers and have an understanding of customer needs." },
          {
            ref: "2.2.3",
            statement:
              "We prioritise customer focus at all levels of our organisation and evaluate individual and team commitment through the performance management system.",
          },
          {
            ref: "2.2.4",
            statement:
              "We can demonstrate how customer facing staffs' insight and experience is incorporated into internal processes, policy development and service planning.",
          },
          {
            ref: "2.2.5",
            statement:
              "We value the contribution our staff make to delivering customer focused services, and leaders, managers and staff demonstrate these behaviours.",
          },
        ],
      },
    ],
  },
  {
    number: 3,
    title: "Information and Access",
    subCriteria: [
      {
        ref: "3.1",
        title: "Range of Information",
        elements: [
          {
            ref: "3.1.1",
            statement:
              "We make information about the full range of services we provide available to our customers and potential customers, including how and when people can contact us, how our services are run and who is in charge.",
          },
          { ref: "3.1.2", statement: "Where there is a charge for services, we tell our customers how much they will have to pay." },
        ],
      },
      {
        ref: "3.2",
        title: "Quality of Information",
        elements: [
          {
            ref: "3.2.1",
            statement:
              "We provide our customers with the information they need in ways which meet their needs and preferences, using a variety of appropriate channels.",
          },
          {
            ref: "3.2.2",
            statement: "We take reasonable steps to make sure our customers have received and understood the information we provide.",
          },
          {
            ref: "3.2.3",
            statement:
              "We have improved the range, content and quality of verbal, published and web based information we provide to ensure it is relevant and meets the needs of customers.",
          },
          {
            ref: "3.2.4",
            statement:
              "We can demonstrate that information we provide to our customers is accurate and complete, and that when this is not the case we advise customers when they will receive the information they requested.",
          },
        ],
      },
      {
        ref: "3.3",
        title: "Access",
        elements: [
          {
            ref: "3.3.1",
            statement: "We make our services easily accessible to all customers through provision of a range of alternative channels.",
          },
          {
            ref: "3.3.2",
            statement:
              "We evaluate how customers interact with the organisation through access channels and we use this information to identify possible service improvements and offer better choices.",
          },
          {
            ref: "3.3.3",
            statement:
              "We ensure that where customers can visit our premises in person facilities are as clean and comfortable as possible.",
          },
        ],
      },
      {
        ref: "3.4",
        title: "Co-operative working with other providers, partners and communities",
        elements: [
          {
            ref: "3.4.1",
            statement:
              "We have made arrangements with other providers and partners to offer and supply co-ordinated services, and these arrangements have demonstrable benefits for our customers.",
          },
          {
            ref: "3.4.2",
            statement:
              "We have developed co-ordinated working arrangements with our partners that ensure customers have clear lines of accountability for quality of service.",
          },
          {
            ref: "3.4.3",
            statement: "We interact within wider communities and we can demonstrate the ways in which we support those communities.",
          },
        ],
      },
    ],
  },
  {
    number: 4,
    title: "Delivery",
    subCriteria: [
      {
        ref: "4.1",
        title: "Delivery Standards",
        elements: [
          {
            ref: "4.1.1",
            statement:
              "We have challenging standards for our main services, which take account of our responsibility for delivering national and statutory standards and targets.",
          },
          {
            ref: "4.1.2",
            statement:
              "We monitor and meet our standards, key departmental and performance targets, and we tell our customers about our performance.",
          },
          {
            ref: "4.1.3",
            statement:
              "We consult and involve customers, citizens, partners and staff on the setting, reviewing and raising of our local standards.",
          },
        ],
      },
      {
        ref: "4.2",
        title: "Achieved Delivery and Outcomes",
        elements: [
          { ref: "4.2.1", statement: "We agree with our customers at the outset what they can expect from the service we provide." },
          {
            ref: "4.2.2",
            statement:
              "We can demonstrate that we deliver the service we promised to individual customers and that outcomes are positive for the majority of our customers.",
          },
          {
            ref: "4.2.3",
            statement:
              "We can demonstrate that we benchmark our performance against that of similar or complementary organisations and have used that information to improve our service.",
          },
          {
            ref: "4.2.4",
            statement:
              "We have developed and learned from best practice identified within and outside our organisation, and we publish our examples externally where appropriate",
          },
        ],
      },
      {
        ref: "4.3",
        title: "Deal effectively with problems",
        elements: [
          {
            ref: "4.3.1",
            statement:
              "We identify any dips in performance against our standards and explain these to customers, together with action we are taking to put things right and prevent further recurrence.",
          },
          {
            ref: "4.3.2",
            statement:
              "We have an easy to use complaints procedure, which includes a commitment to deal with problems fully and solve them wherever possible within a reasonable time limit.",
          },
          {
            ref: "4.3.3",
            statement:
              "We give staff training and guidance to handle complaints and to investigate them objectively, and we can demonstrate that we empower staff to put things right.",
          },
          {
            ref: "4.3.4",
            statement:
              "We learn from any mistakes we make by identifying patterns in formal and informal complaints and comments from customers and use this information to improve services and publicise action taken.",
          },
          {
            ref: "4.3.5",
            statement:
              "We regularly review and improve our complaints procedure, taking account of the views of customers, complainants and staff.",
          },
          {
            ref: "4.3.6",
            statement:
              "We ensure that the outcome of the complaint process for customers (whose complaint is upheld) is satisfactory for them.",
          },
        ],
      },
    ],
  },
  {
    number: 5,
    title: "Timeliness and Quality of Service",
    subCriteria: [
      {
        ref: "5.1",
        title: "Standards for Timeliness and Quality",
        elements: [
          {
            ref: "5.1.1",
            statement:
              "We set appropriate and measurable standards for the timeliness of response for all forms of customer contact including phone calls, letters, e-communications and personal callers.",
          },
          {
            ref: "5.1.2",
            statement:
              "We set comprehensive standards for all aspects of the quality of customer service to be expected in all dealings with our organisation.",
          },
        ],
      },
      {
        ref: "5.2",
        title: "Timely Outcomes",
        elements: [
          {
            ref: "5.2.1",
            statement: "We advise our customers and potential customers about our promises on timeliness and quality of customer service.",
          },
          {
            ref: "5.2.2",
            statement:
              "We identify individual customer needs at the first point of contact with us and ensure that an appropriate person who can address the reason for contact deals with the customer.",
          },
          {
            ref: "5.2.3",
            statement:
              "We promptly share customer information with colleagues and partners within our organisation whenever appropriate and can demonstrate how this has reduced unnecessary contact for customers.",
          },
          {
            ref: "5.2.4",
            statement:
              "Where service is not completed at the first point of contact we discuss with the customer the next steps and indicate the likely overall time to achieve outcomes.",
          },
          {
            ref: "5.2.5",
            statement:
              "We respond to initial enquiries promptly, if there is a delay we advise the customer and take action to rectify the problem.",
          },
        ],
      },
      {
        ref: "5.3",
        title: "Achieved Timely Delivery",
        elements: [
          {
            ref: "5.3.1",
            statement:
              "We monitor our performance against standards for timeliness and quality of customer service and we take action if problems are identified.",
          },
          {
            ref: "5.3.2",
            statement:
              "We are meeting our current standards for timeliness and quality of customer service and we publicise our performance against these standards.",
          },
          {
            ref: "5.3.3",
            statement: "Our performance in relation to timeliness and quality of service compares well with that of similar organisations.",
          },
        ],
      },
    ],
  },
];
