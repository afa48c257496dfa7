// Practical "show me / tell me" evidence prompts for each CSE element: the project's own wording, not the official CSE guidance.

export interface ElementGuidance {
  /** Documents and records that show the element is met ("show me"). 2-4 short items. */
  readonly showMe: readonly string[];
  /** What an assessor expects to hear or see on site ("tell me"). 2-3 short items. */
  readonly tellMe: readonly string[];
}

export const GUIDANCE: Readonly<Record<string, ElementGuidance>> = {
  // 1.1 Customer Identification
  "1.1.1": {
    showMe: [
      "Customer profile or demographic insight report using Census 2021 and local data, refreshed in the last year",
      "Breakdown of service users by age, disability, ethnicity and ward, drawn from CRM or case systems",
      "Profiles of potential customers who are eligible for a service but not yet using it",
    ],
    tellMe: [
      "Managers can name their main customer groups and say how these have changed recently",
      "Staff know where the profiling data comes from and how often it is updated",
    ],
  },
  "1.1.2": {
    showMe: [
      "Insight reports that go beyond who customers are to what they need, prefer and find hard",
      "Channel preference data, e.g. evidence of who still wants face-to-face or phone contact",
      "Examples where insight changed a service, such as appointment hubs or revised opening hours",
    ],
    tellMe: [
      "Teams can explain the needs and preferences of each key group, not just its demographics",
      "Staff give a recent example of insight leading to a practical change for customers",
    ],
  },
  "1.1.3": {
    showMe: [
      "List of hard to reach and disadvantaged groups for each service, with how they were identified",
      "Targeted outreach, e.g. work with rough sleepers, young people at risk of ASB or digitally excluded residents",
      "Equality impact assessments showing how services were adapted for specific groups",
    ],
    tellMe: [
      "Staff describe what they do to reach people who rarely contact the council",
      "Community and voluntary partners confirm the council works with them to engage these groups",
    ],
  },

  // 1.2 Engagement and Consultation
  "1.2.1": {
    showMe: [
      "Consultation and engagement strategy or protocol matching methods to customer groups",
      "Consultation calendar listing surveys, forums, panels, pop-up events and online tools",
      "Terms of reference for tenant or resident panels, forums and other involvement groups",
    ],
    tellMe: [
      "Officers explain why particular methods are used for particular groups",
      "Customers or panel members confirm they are invited to take part in ways that suit them",
    ],
  },
  "1.2.2": {
    showMe: [
      "Consultation reports with action plans showing what changed as a result",
      "'You said, we did' web page, newsletter articles or social media posts reporting back",
      "Minutes showing consultation findings being considered by managers or members",
    ],
    tellMe: [
      "Managers describe a recent consultation and the improvement that followed",
      "Customers confirm they were told the outcome of consultations they took part in",
    ],
  },
  "1.2.3": {
    showMe: [
      "Review of consultation methods covering response rates, reach and cost",
      "Respondent profiles compared with the customer profile to spot under-represented groups",
      "Evidence of methods changed or dropped after review, e.g. paper surveys replaced by pop-ups or online",
    ],
    tellMe: [
      "Officers explain how they judge whether a consultation gave reliable, representative results",
      "Staff give an example of a method that was changed because it was not working",
    ],
  },

  // 1.3 Customer Satisfaction
  "1.3.1": {
    showMe: [
      "Satisfaction survey programme and timetable, e.g. STAR or tenant satisfaction measures, transactional surveys",
      "Method notes covering sample sizes, response rates and any independent survey provider",
      "Ongoing feedback routes such as post-call surveys, web page ratings or email footer links",
    ],
    tellMe: [
      "Officers explain how often satisfaction is measured and why the method is reliable",
      "Staff know how customers are asked for feedback after contact with their service",
    ],
  },
  "1.3.2": {
    showMe: [
      "Satisfaction results broken down by main service area and by customer group",
      "Results published in the residents' magazine, annual report or on the website",
      "Improvement action plan linked to survey findings, with progress updates",
    ],
    tellMe: [
      "Managers explain what results show for different groups and what they did about gaps",
      "Customers recall seeing satisfaction results or the resulting improvements reported back",
    ],
  },
  "1.3.3": {
    showMe: [
      "Questionnaires covering delivery, timeliness, information, access and staff attitude",
      "Questions added because of complaints, comments or other insight, with the reason recorded",
      "A simple map of survey questions against the key drivers of satisfaction",
    ],
    tellMe: [
      "Officers explain how questions were chosen and when the questionnaire was last reviewed",
      "Staff give an example of a question added to test a known customer concern",
    ],
  },
  "1.3.4": {
    showMe: [
      "Satisfaction targets for main services set above previous results, not just at current levels",
      "Trend data over two to three years showing satisfaction rising or sustained at a high level",
      "Dashboards or performance reports comparing satisfaction with target each quarter or year",
    ],
    tellMe: [
      "Managers explain how targets were set and why they count as stretching",
      "Officers can account for any dips in the trend and the action taken",
    ],
  },
  "1.3.5": {
    showMe: [
      "Customer journey maps before and after redesign, showing steps or hand-offs removed",
      "Analysis of failure demand, repeat contact or drop-off on online forms",
      "Examples of changes made, e.g. simpler forms, fewer documents needed, new online services",
    ],
    tellMe: [
      "Staff describe a journey that has been improved and the difference it made to customers",
      "Managers explain how they measured the benefit of the change",
    ],
  },

  // 2.1 Leadership, Policy & Culture
  "2.1.1": {
    showMe: [
      "Corporate plan, values or customer experience strategy that puts customers first",
      "Customer charter endorsed by senior leadership and elected members",
      "Leadership team or cabinet papers where customer performance and feedback are discussed",
    ],
    tellMe: [
      "Chief executive and senior leaders explain how they champion customers in decisions",
      "Staff confirm leaders are visible, spend time on the front line and talk about customers",
    ],
  },
  "2.1.2": {
    showMe: [
      "Corporate plan priorities linked to resident survey or consultation findings",
      "Committee or cabinet reports with a section on customer insight or consultation results",
      "Service plans showing improvement projects prioritised using customer feedback",
    ],
    tellMe: [
      "Senior managers give an example of a policy or strategy shaped by customer insight",
      "Officers explain how insight decides which improvements are tackled first",
    ],
  },
  "2.1.3": {
    showMe: [
      "Customer charter, service standards and customer experience strategy",
      "Complaints, equality and diversity, safeguarding and unacceptable behaviour policies",
      "Accessible information or reasonable adjustments policy",
    ],
    tellMe: [
      "Staff know the key customer policies and where to find them",
      "Managers explain how policies are kept up to date and communicated to staff",
    ],
  },
  "2.1.4": {
    showMe: [
      "Equality impact assessments for new or changed policies and services",
      "Satisfaction and complaints data analysed by protected characteristic",
      "Equality objectives and the annual equality report",
    ],
    tellMe: [
      "Officers explain how they check no group gets a worse experience or outcome",
      "Staff give examples of reasonable adjustments made for individual customers",
    ],
  },
  "2.1.5": {
    showMe: [
      "Data protection and GDPR training completion rates for all staff, including refreshers",
      "Data protection policy, privacy notices, retention schedule and information sharing agreements",
      "Secure transfer and storage arrangements, e.g. encrypted email, secure portals, clear desk policy",
      "Data breach log showing incidents investigated and lessons learned",
    ],
    tellMe: [
      "Private interview rooms or screened areas in reception so conversations are not overheard",
      "Staff explain how they check identity and keep customer data secure day to day",
    ],
  },
  "2.1.6": {
    showMe: [
      "Staff suggestion scheme or improvement log showing ideas that were implemented",
      "Guidance giving frontline staff authority to resolve issues without referring upwards",
      "Customer service champions network or improvement projects led by staff",
    ],
    tellMe: [
      "Staff give examples of using their own judgement to put things right for a customer",
      "Employees describe how they take part in improvement work or customer focus groups",
    ],
  },

  // 2.2 Staff Professionalism and Attitude
  "2.2.1": {
    showMe: [
      "Job descriptions and person specifications that include customer service skills",
      "Induction programme with a customer focus session, plus completion records",
      "Customer service training programme and individual learning and development records",
      "People or workforce strategy linking staff development to customer outcomes",
    ],
    tellMe: [
      "New starters describe how customer focus featured in their interview and induction",
      "Staff describe customer-related training they have done and how they use it",
    ],
  },
  "2.2.2": {
    showMe: [
      "Survey results and compliments that mention staff courtesy and helpfulness",
      "Call quality monitoring or mystery shopping results covering manner and tone",
      "Training content on empathy, vulnerable customers and difficult conversations",
    ],
    tellMe: [
      "Customers say staff are polite, friendly and understand what they need",
      "Assessor sees courteous, patient handling at reception and on the phone",
    ],
  },
  "2.2.3": {
    showMe: [
      "Appraisal and one-to-one templates that include customer-focused values or behaviours",
      "Sample appraisal objectives linked to service standards or satisfaction results",
      "Team plans and performance reports that include customer measures",
    ],
    tellMe: [
      "Staff explain how their customer focus is discussed and assessed in appraisals",
      "Managers describe how team performance on customer measures is reviewed",
    ],
  },
  "2.2.4": {
    showMe: [
      "Staff survey results and team meeting notes capturing frontline ideas",
      "Examples of processes or policies changed after feedback from frontline staff",
      "Frontline staff membership of service reviews, working groups or policy consultations",
    ],
    tellMe: [
      "Frontline staff give examples of their ideas being adopted",
      "Managers explain how they gather and act on feedback from customer-facing colleagues",
    ],
  },
  "2.2.5": {
    showMe: [
      "Staff recognition or awards scheme with examples of customer-focused nominations",
      "Staff briefings or newsletters celebrating team achievements and customer compliments",
      "Staff survey results on feeling valued, with actions taken in response",
    ],
    tellMe: [
      "Staff feel valued and describe how good work is recognised",
      "Staff see leaders and managers as role models for customer-focused behaviour",
    ],
  },

  // 3.1 Range of Information
  "3.1.1": {
    showMe: [
      "Website A-Z of services with contact details, opening hours and ways to get in touch",
      "Information on the council's structure, senior officers, councillors and portfolio holders",
      "Leaflets, residents' magazine and notices at reception and in community venues",
    ],
    tellMe: [
      "Customers confirm they can find out what services exist and how to contact them",
      "Staff know where to point customers for information about other services",
    ],
  },
  "3.1.2": {
    showMe: [
      "Fees and charges schedule published on the website and updated each year",
      "Prices shown on the relevant service pages, application forms and booking systems",
      "Tenancy or service agreements setting out rent, service charges and payment options",
    ],
    tellMe: [
      "Customers confirm they knew the cost before committing to a service",
      "Staff explain how customers are told about charge increases and ways to pay",
    ],
  },

  // 3.2 Quality of Information
  "3.2.1": {
    showMe: [
      "Information available by web, social media, print, phone and in person",
      "Interpreting, translation, British Sign Language, large print and easy read arrangements",
      "Communications plans that choose channels using customer preference data",
    ],
    tellMe: [
      "Staff know how to arrange an interpreter or an alternative format for a customer",
      "Customers say information reaches them in a way that suits them",
    ],
  },
  "3.2.2": {
    showMe: [
      "Plain English or writing style guide, with letters and leaflets checked against it",
      "Web page feedback such as 'was this page useful?' and readability or accessibility checks",
      "Letters or leaflets tested with customers or a reader panel before release",
    ],
    tellMe: [
      "Staff explain how they check understanding, e.g. summarising and confirming next steps",
      "Managers describe a change made after customers found information confusing",
    ],
  },
  "3.2.3": {
    showMe: [
      "Before and after versions of rewritten letters, web pages or leaflets",
      "Web analytics, page feedback and accessibility audit results used to drive changes",
      "Customer or reader panel input on new publications and templates",
    ],
    tellMe: [
      "Officers give examples of information improved following customer feedback",
      "Staff explain how they report out-of-date or unclear information",
    ],
  },
  "3.2.4": {
    showMe: [
      "Web content process with named page owners and review dates",
      "Quality checks on letters and templates, and records of errors corrected",
      "Procedure for telling customers when requested information will follow, e.g. FOI holding letters",
    ],
    tellMe: [
      "Staff explain what they do when they cannot give a full answer straight away",
      "Officers describe how inaccurate information is spotted and put right",
    ],
  },

  // 3.3 Access
  "3.3.1": {
    showMe: [
      "List of access channels per service: phone, online forms, email, face-to-face, webchat, social media",
      "Opening hours and out-of-hours arrangements, including emergency numbers",
      "Assisted digital support, appointments or outreach for people who cannot go online",
    ],
    tellMe: [
      "Customers confirm they can contact the council in the way they prefer",
      "Staff explain how they help customers who struggle with digital channels",
    ],
  },
  "3.3.2": {
    showMe: [
      "Channel use data from telephony, CRM and web analytics, tracked over time",
      "Analysis of reasons for contact and of avoidable or repeat contact",
      "Examples of changes made as a result, e.g. new online forms or clearer web content",
    ],
    tellMe: [
      "Managers explain trends in channel use and what they have done in response",
      "Officers describe how they make sure channel changes do not shut any group out",
    ],
  },
  "3.3.3": {
    showMe: [
      "Cleaning schedules and building inspection or maintenance records",
      "Accessibility audit of customer areas, e.g. hearing loops, accessible toilets, baby changing",
      "Customer feedback about reception and waiting areas, with actions taken",
    ],
    tellMe: [
      "Reception and waiting areas are clean, welcoming, well signed and comfortable",
      "Staff explain how faults or cleanliness problems are reported and fixed",
    ],
  },

  // 3.4 Co-operative working with other providers, partners and communities
  "3.4.1": {
    showMe: [
      "Partnership agreements, contracts or service level agreements with key partners",
      "Evidence of benefits to customers, e.g. outcome data, fewer complaints, joined-up referrals",
      "Joint arrangements such as community hubs, one-stop shops or co-located services",
    ],
    tellMe: [
      "Partners describe how joint working operates and what customers gain from it",
      "Managers explain how the benefits of partnerships are measured",
    ],
  },
  "3.4.2": {
    showMe: [
      "Agreements setting out each partner's responsibilities, KPIs and escalation routes",
      "Contract monitoring reports and partnership meeting minutes",
      "Customer information explaining who to contact about each part of a shared service",
    ],
    tellMe: [
      "Partners confirm who is responsible for quality and how performance is reviewed",
      "Customers know who to go to if a partner-delivered service goes wrong",
    ],
  },
  "3.4.3": {
    showMe: [
      "Community grants, volunteering schemes and support for local voluntary groups",
      "Community and economic initiatives, e.g. business support, local events, cost of living help",
      "Staff volunteering days or social value commitments written into contracts",
    ],
    tellMe: [
      "Community and voluntary sector partners describe the support they receive",
      "Officers give examples of measurable benefits to local communities",
    ],
  },

  // 4.1 Delivery Standards
  "4.1.1": {
    showMe: [
      "Service standards for main services, alongside statutory and national indicators",
      "Corporate KPI set including statutory measures, e.g. planning decision times, benefit processing",
      "Records showing standards reviewed and raised as performance improves",
    ],
    tellMe: [
      "Managers explain how standards were set and why they are challenging",
      "Staff know the standards that apply to their own work",
    ],
  },
  "4.1.2": {
    showMe: [
      "KPI dashboards or quarterly performance reports to management and members",
      "Performance against standards published on the website or in the residents' magazine",
      "Trend data showing most standards met, with any misses explained",
    ],
    tellMe: [
      "Managers explain how performance is tracked and what happens when targets are missed",
      "Customers and members confirm they can see how the council is performing",
    ],
  },
  "4.1.3": {
    showMe: [
      "Records of customers, staff and partners being consulted on setting or reviewing standards",
      "Examples of standards changed or raised following that consultation",
      "Tenant or resident panel minutes discussing local standards",
    ],
    tellMe: [
      "Staff describe how they were involved in setting the standards for their service",
      "Customers or partners confirm they were asked which standards matter to them",
    ],
  },

  // 4.2 Achieved Delivery and Outcomes
  "4.2.1": {
    showMe: [
      "Customer charter and service-specific standards setting out what customers can expect",
      "Application forms, acknowledgements and web pages stating turnaround times",
      "Tenant handbooks, guidance notes or agreements issued at the start of a service",
    ],
    tellMe: [
      "Staff explain how they set expectations at first contact, including what the council cannot do",
      "Customers confirm they knew what would happen and when",
    ],
  },
  "4.2.2": {
    showMe: [
      "Case sampling or tracking showing individual customers received what was promised",
      "Outcome measures and satisfaction results showing positive results for most customers",
      "Compliments log and customer testimonials",
    ],
    tellMe: [
      "Customers describe positive outcomes from their dealings with the council",
      "Managers explain how they check individual cases were completed as promised",
    ],
  },
  "4.2.3": {
    showMe: [
      "Benchmarking against CIPFA nearest neighbours, LG Inform or regional benchmarking groups",
      "Membership of benchmarking clubs or networks, e.g. Housemark or county customer service groups",
      "Examples of improvements made after comparing with better-performing councils",
    ],
    tellMe: [
      "Managers explain who they compare with and why those organisations are relevant",
      "Officers give an example of a change made because of benchmarking",
    ],
  },
  "4.2.4": {
    showMe: [
      "Practice adopted from other councils, peer challenges or professional networks",
      "Internal sharing of good practice, e.g. lessons learned sessions or intranet case studies",
      "External sharing, e.g. conference talks, published case studies or award entries",
    ],
    tellMe: [
      "Officers describe an idea borrowed from elsewhere and how it was adapted",
      "Managers explain how good practice is spread between teams",
    ],
  },

  // 4.3 Deal effectively with problems
  "4.3.1": {
    showMe: [
      "Performance reports that flag dips against standards, with causes and recovery plans",
      "Messages to customers explaining delays, e.g. website banners, social media posts or letters",
      "Records of the action taken and performance data showing recovery afterwards",
    ],
    tellMe: [
      "Managers describe a recent dip, how customers were told and what put it right",
      "Staff explain how they keep customers updated during a backlog",
    ],
  },
  "4.3.2": {
    showMe: [
      "Complaints policy with stages and timescales, in line with the Ombudsman complaint handling code",
      "Complaints information on the website, in reception and in accessible formats",
      "Complaints data showing responses sent within the published timescales",
    ],
    tellMe: [
      "Customers say the procedure is easy to find and use",
      "Staff explain how they try to resolve problems early, before a formal complaint",
    ],
  },
  "4.3.3": {
    showMe: [
      "Complaint handling and investigation training records for staff and managers",
      "Guidance or handbook for investigating officers on fair, objective investigation",
      "Remedies guidance letting staff put things right, e.g. apologies or small goodwill payments",
    ],
    tellMe: [
      "Staff describe how they are empowered to resolve issues at the first point of contact",
      "Investigating officers explain how they keep investigations objective",
    ],
  },
  "4.3.4": {
    showMe: [
      "Complaints trend analysis by service, category and root cause, reported regularly",
      "Lessons learned log showing actions agreed and completed",
      "Informal complaints and comments recorded alongside formal ones",
      "Published 'you said, we did' updates or the annual complaints report",
    ],
    tellMe: [
      "Managers describe a pattern of complaints and the service change that followed",
      "Staff explain how informal comments and feedback are captured and passed on",
    ],
  },
  "4.3.5": {
    showMe: [
      "Annual review of the complaints procedure with findings and changes made",
      "Complainant survey results about how the process felt",
      "Staff and member views on the procedure, e.g. scrutiny committee reports",
    ],
    tellMe: [
      "Officers explain what changed at the last review of the procedure and why",
      "Staff confirm they were asked for their views on how complaints are handled",
    ],
  },
  "4.3.6": {
    showMe: [
      "Follow-up call or survey with complainants whose complaint was upheld",
      "Satisfaction with the outcome of upheld complaints, tracked over time",
      "Records confirming that agreed remedies and actions were delivered",
    ],
    tellMe: [
      "Managers explain how they check upheld complainants were happy with the outcome",
      "Staff give examples of putting things right after an upheld complaint",
    ],
  },

  // 5.1 Standards for Timeliness and Quality
  "5.1.1": {
    showMe: [
      "Response time standards for calls, emails, letters, online forms, social media and visitors",
      "Service-specific timescales, e.g. missed bin collections, repairs, benefit claims",
      "Standards for newer channels such as webchat, including out-of-hours cover",
    ],
    tellMe: [
      "Staff know the response times for each channel they handle",
      "Managers explain how the standards were set and how they are measured",
    ],
  },
  "5.1.2": {
    showMe: [
      "Customer charter or quality standards covering manner, accuracy, information and right first time",
      "Call quality or mystery shopping checklists based on those standards",
      "Email and letter templates or house style standards",
    ],
    tellMe: [
      "Staff describe what good quality service looks like in their role",
      "Managers explain how quality is measured alongside speed",
    ],
  },

  // 5.2 Timely Outcomes
  "5.2.1": {
    showMe: [
      "Customer charter and service standards on the website and displayed in reception",
      "Timescales shown on forms, automatic acknowledgements, letters and phone messages",
      "Email signatures or leaflets that point to the standards",
    ],
    tellMe: [
      "Customers know how quickly they can expect a response",
      "The charter and standards are clearly visible to visitors in customer areas",
    ],
  },
  "5.2.2": {
    showMe: [
      "Triage scripts, question guides or knowledge base used by contact centre staff",
      "First contact resolution figures and call transfer rates",
      "Referral routes and service directories so enquiries reach the right person",
    ],
    tellMe: [
      "Staff explain how they identify needs, including vulnerability, at first contact",
      "Customers confirm they did not have to repeat themselves or get passed around",
    ],
  },
  "5.2.3": {
    showMe: [
      "CRM or case management system giving staff a shared view of customer contact",
      "Information sharing agreements and protocols with partners",
      "Examples such as Tell Us Once or joint referral forms, with evidence of less repeat contact",
    ],
    tellMe: [
      "Staff explain how details are passed on so customers do not have to repeat themselves",
      "Partners confirm information is shared promptly and securely",
    ],
  },
  "5.2.4": {
    showMe: [
      "Process maps or workflows with timescales for cases not resolved at first contact",
      "Acknowledgements stating next steps and an expected completion date",
      "CRM case notes recording what was agreed with the customer",
    ],
    tellMe: [
      "Staff explain how they tell customers what happens next and how long it will take",
      "Customers confirm they were kept informed about the progress of their case",
    ],
  },
  "5.2.5": {
    showMe: [
      "Response time data for initial enquiries measured against standards",
      "Keeping customers informed procedure, e.g. holding messages, callbacks, delay letters",
      "Real-time telephony dashboards and records of staff redeployed at peak times",
    ],
    tellMe: [
      "Staff explain what they do when a response is going to be late",
      "Managers describe action taken to clear backlogs or cope with peaks",
    ],
  },

  // 5.3 Achieved Timely Delivery
  "5.3.1": {
    showMe: [
      "Monthly or quarterly reports against timeliness and quality standards",
      "Call quality and mystery shopping results, with feedback given to staff",
      "Action plans or performance meeting notes dealing with problems found",
    ],
    tellMe: [
      "Managers explain how monitoring led to action, e.g. extra training or a process change",
      "Staff know how their team is performing against the standards",
    ],
  },
  "5.3.2": {
    showMe: [
      "Performance data showing timeliness and quality standards are being met",
      "Performance against standards published on the website or in the residents' magazine",
      "Published explanations where standards are missed, with recovery actions",
    ],
    tellMe: [
      "Managers explain current performance and trends against each standard",
      "Customers can find out how the council is doing against its promises",
    ],
  },
  "5.3.3": {
    showMe: [
      "Benchmarking of response times and satisfaction against similar councils or CIPFA nearest neighbours",
      "Comparative data, e.g. LG Inform, Housemark, statutory returns or national tables",
      "Ombudsman annual review figures compared with similar authorities",
    ],
    tellMe: [
      "Managers explain where performance is better or worse than comparable councils",
      "Officers describe what they are doing where comparisons show they lag behind",
    ],
  },
};
