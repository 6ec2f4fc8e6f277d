/**
 * The default word lists of the signals (signals.ts), one entry per signal id, each an ordered scale
 * of named tiers (lowest demand first) or a plain list. An organization extends them in config
 * (`signals: { scope: { organization: [tribe] } }`); nothing here is looked up online.
 */

export interface TierDef {
  /** Stable tier name, the key config extends. */
  name: string;
  rank: number;
  phrases: readonly string[];
}

/** A qualifier with each noun of knowing: "solid" → "solid understanding", "solid knowledge", … */
function knowing(adjectives: readonly string[]): string[] {
  return adjectives.flatMap((a) => ['understanding', 'knowledge', 'grasp', 'expertise', 'command', 'familiarity', 'experience', 'proficiency'].map((n) => `${a} ${n}`));
}

export const SCALES = {
  // Less guidance asked for is more autonomy expected.
  autonomy: [
    { name: 'close', rank: 0, phrases: ['with close guidance', 'under close supervision', 'with close supervision', 'with guidance', 'with help', 'with support', 'with assistance', 'under supervision', 'under guidance', 'with supervision', 'with direction', 'with significant guidance', 'with heavy guidance', 'with detailed guidance', 'with detailed instructions', 'guided by others', 'when directed', 'as directed', 'when asked', 'with mentoring', 'with coaching', 'with help from', 'with guidance from', 'with support from', 'with direction from', 'with input from', 'with oversight from', 'under the guidance of', 'under the supervision of', 'guided by'] },
    { name: 'some', rank: 1, phrases: ['with some guidance', 'with some help', 'with some support', 'with some supervision', 'with some direction', 'with occasional guidance', 'with moderate guidance', 'with limited guidance', 'with some assistance', 'with some oversight', 'with oversight', 'with some help from', 'with some guidance from', 'with some support from', 'with occasional help from'] },
    { name: 'minimal', rank: 2, phrases: ['with minimal guidance', 'with little guidance', 'with minimal supervision', 'with little supervision', 'with minimal help', 'with little help', 'with minimal support', 'with minimal direction', 'with little direction', 'with light guidance', 'with minimal oversight', 'with little help from', 'with minimal help from', 'with minimal guidance from', 'without close supervision', 'without close guidance', 'mostly independently', 'largely independently', 'mostly on their own'] },
    { name: 'independent', rank: 3, phrases: ['independently', 'independent', 'autonomous', 'without guidance', 'without supervision', 'without help', 'without direction', 'without oversight', 'without assistance', 'without being asked', 'without being told', 'with no guidance', 'with no supervision', 'autonomously', 'on their own', 'unassisted', 'unsupervised', 'self directed', 'self-directed', 'fully independently'] },
  ],
  // How often: never < rarely < sometimes < usually < consistently < always.
  frequency: [
    { name: 'rarely', rank: 1, phrases: ['rarely', 'seldom', 'occasionally', 'once in a while', 'from time to time', 'infrequently'] },
    { name: 'sometimes', rank: 2, phrases: ['sometimes', 'at times', 'on occasion', 'in some cases', 'now and then', 'some of the time', 'some'] },
    { name: 'usually', rank: 3, phrases: ['usually', 'often', 'frequently', 'generally', 'typically', 'mostly', 'most of the time', 'regularly', 'normally', 'in most cases', 'most', 'commonly', 'largely'] },
    { name: 'consistently', rank: 4, phrases: ['consistently', 'reliably', 'routinely', 'dependably', 'every', 'each', 'all', 'whenever', 'continuously', 'continually'] },
    { name: 'always', rank: 5, phrases: ['always', 'without exception', 'invariably', 'without fail', 'at all times', 'every time', 'every single', 'never misses', 'never miss', 'never fails to', 'never fail to', 'never forgets', 'never forgets to', 'never skips', 'never drops', 'never breaks', 'never late', 'never slips'] },
  ],
  // How often, by the calendar: daily is more often than quarterly.
  cadence: [
    { name: 'yearly', rank: 1, phrases: ['yearly', 'annually', 'annual', 'every year', 'once a year', 'each year', 'per year'] },
    { name: 'half-yearly', rank: 2, phrases: ['twice a year', 'every six months', 'every 6 months', 'half yearly', 'half-yearly', 'biannually'] },
    { name: 'quarterly', rank: 3, phrases: ['quarterly', 'every quarter', 'each quarter', 'per quarter', 'once a quarter'] },
    { name: 'monthly', rank: 4, phrases: ['monthly', 'every month', 'each month', 'per month', 'once a month'] },
    { name: 'fortnightly', rank: 5, phrases: ['fortnightly', 'biweekly', 'bi-weekly', 'every two weeks', 'every 2 weeks', 'every other week'] },
    { name: 'weekly', rank: 6, phrases: ['weekly', 'every week', 'each week', 'per week', 'once a week'] },
    { name: 'daily', rank: 7, phrases: ['daily', 'every day', 'each day', 'per day', 'once a day'] },
    { name: 'sprint', rank: 6, phrases: ['every sprint', 'each sprint', 'per sprint'] },
  ],
  // How hard the work is: small and well-defined < medium < large, complex or ambiguous < the hardest.
  complexity: [
    { name: 'simple', rank: 0, phrases: ['small', 'simple', 'well-defined', 'well defined', 'clearly defined', 'clearly scoped', 'well scoped', 'well-scoped', 'scoped', 'straightforward', 'routine', 'smaller', 'low-risk', 'low risk'] },
    { name: 'moderate', rank: 1, phrases: ['medium', 'medium-sized', 'medium sized', 'mid-sized', 'moderately complex', 'moderate', 'small to medium', 'small/medium'] },
    { name: 'complex', rank: 2, phrases: ['large', 'larger', 'complex', 'ambiguous', 'open-ended', 'open ended', 'hard', 'difficult', 'challenging', 'poorly defined', 'ill-defined', 'ill defined', 'loosely defined', 'high-risk', 'high risk', 'large-scale', 'large scale', 'cross-cutting', 'complicated'] },
    { name: 'hardest', rank: 3, phrases: ['very complex', 'highly complex', 'highly ambiguous', 'very ambiguous', 'the most complex', 'the hardest', 'novel', 'unprecedented', 'extremely complex'] },
  ],
  // How deeply someone knows a thing: a basic understanding < a working one < a solid one < a deep one.
  // Only as a qualifier of knowing ("good understanding", "expert in"): "a good listener" is no proficiency.
  proficiency: [
    { name: 'basic', rank: 0, phrases: knowing(['basic', 'foundational', 'introductory', 'rudimentary', 'elementary', 'limited', 'beginner']) },
    { name: 'working', rank: 1, phrases: [...knowing(['working', 'good', 'reasonable', 'functional', 'practical', 'fair', 'general', 'decent']), 'competent in', 'competent with'] },
    { name: 'solid', rank: 2, phrases: [...knowing(['solid', 'strong', 'thorough', 'advanced', 'in-depth', 'in depth', 'detailed', 'comprehensive']), 'proficient in', 'proficient with', 'proficient at', 'fluent in', 'fluent with'] },
    { name: 'deep', rank: 3, phrases: [...knowing(['deep', 'expert', 'expert-level', 'expert level', 'profound', 'exceptional', 'world-class', 'authoritative']), 'an expert in', 'an expert on', 'expert in', 'expert at', 'mastery of', 'masters', 'a master of'] },
  ],
  // Whose people: mentoring senior engineers asks more than mentoring interns.
  seniority: [
    { name: 'new', rank: 0, phrases: ['intern', 'interns', 'new hires', 'new joiners', 'new starters', 'newcomers', 'new team members', 'new teammates', 'new colleagues', 'new engineers', 'junior', 'juniors', 'newer', 'less experienced', 'entry-level', 'entry level', 'early-career', 'early career'] },
    { name: 'mid', rank: 1, phrases: ['mid-level', 'mid level', 'intermediate'] },
    { name: 'senior', rank: 2, phrases: ['senior', 'seniors', 'experienced', 'more experienced'] },
    { name: 'staff', rank: 3, phrases: ['staff', 'principal', 'staff-level', 'principal-level', 'executives', 'executive', 'leadership', 'senior leadership', 'directors'] },
  ],
  // Whose work it touches: own work < team < several teams < organization < company < industry.
  scope: [
    { name: 'self', rank: 0, phrases: ['their own work', 'own work', 'their own tasks', 'own tasks', 'their own code', 'own code', 'individually', 'for themselves', 'their own features', 'own features'] },
    { name: 'team', rank: 1, phrases: ['team', 'their team', 'the team', 'own team', 'their own team', 'immediate team', 'squad', 'within the team', 'within their team'] },
    { name: 'teams', rank: 2, phrases: ['teams', 'several teams', 'multiple teams', 'other teams', 'across teams', 'cross team', 'cross-team', 'neighboring teams', 'adjacent teams', 'related teams', 'squads', 'several squads', 'multiple squads', 'across squads', 'team of teams', 'group of teams', 'department', 'tribe'] },
    { name: 'organization', rank: 3, phrases: ['organization', 'organizations', 'the organization', 'orgs', 'departments', 'divisions', 'org', 'organization wide', 'organization-wide', 'across the organization', 'the wider organization', 'engineering', 'across engineering', 'engineering wide', 'engineering-wide', 'division', 'the whole organization', 'the entire organization'] },
    { name: 'company', rank: 4, phrases: ['company', 'companies', 'the company', 'company wide', 'company-wide', 'across the company', 'the whole company', 'the entire company', 'the business', 'the wider business', 'enterprise'] },
    { name: 'industry', rank: 5, phrases: ['industry', 'the industry', 'the wider industry', 'community', 'the community', 'open source', 'externally', 'conferences', 'conference', 'outside the company'] },
  ],
  // The part taken: learns < participates / helps < contributes < leads / owns / drives / sets.
  verb: [
    { name: 'learns', rank: 0, phrases: ['learns', 'learns about', 'observes', 'shadows', 'studies', 'is exposed to', 'watches'] },
    { name: 'helps', rank: 1, phrases: ['participates', 'participates in', 'takes part in', 'helps', 'helps with', 'assists', 'assists with', 'supports', 'is involved in', 'joins', 'follows', 'attends', 'attends to'] },
    { name: 'contributes', rank: 2, phrases: ['contributes', 'contributes to', 'collaborates on', 'implements', 'executes'] },
    { name: 'leads', rank: 3, phrases: ['leads', 'owns', 'drives', 'sets', 'defines', 'directs', 'champions', 'spearheads', 'establishes', 'heads', 'is accountable for', 'is responsible for', 'takes ownership of', 'takes responsibility for', 'accountable for', 'responsible for', 'owner of', 'the owner of', 'enforces', 'governs', 'decides', 'shapes', 'runs', 'orchestrates', 'steers'] },
  ],
} as const satisfies Record<string, readonly TierDef[]>;

export const LISTS = {
  // A softer form of the same demand: added lowers the bar, removed raises it.
  hedge: ['starts to', 'begins to', 'starting to', 'beginning to', 'learning to', 'is learning to', 'tries to', 'attempts to', 'aims to', 'works toward', 'working toward', 'works towards', 'working towards', 'where possible', 'when possible', 'if possible', 'whenever possible', 'as appropriate', 'when appropriate', 'where appropriate', 'as needed', 'when needed', 'if needed', 'where needed', 'ideally', 'may', 'might', 'close to', 'roughly', 'approximately', 'more or less', 'some familiarity with', 'basic', 'a basic', 'an understanding of', 'is aware of', 'aware of', 'is familiar with', 'familiar with', 'gaining', 'developing', 'can', 'could', 'should', 'is able to', 'able to'],
  // How well, not how much: added or removed, the demand is the same, said more precisely.
  manner: ['specific', 'specifically', 'constructive', 'constructively', 'actionable', 'clear', 'clearly', 'concise', 'concisely', 'thoughtful', 'thoughtfully', 'respectful', 'respectfully', 'kind', 'kindly', 'meaningful', 'useful', 'helpful', 'effective', 'effectively', 'well-structured', 'well structured', 'well-written', 'well written'],
  // Turns a demand around.
  negation: ['not', 'no longer', 'never', 'no', 'none', 'nor', 'neither', 'without', 'avoids', 'refrains from', 'instead of', 'rather than'],
} as const satisfies Record<string, readonly unknown[]>;

/** Groups of words or phrases that mean the same in a ladder; an organization adds its own. */
export const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['teammates', 'team members', 'colleagues', 'peers', 'coworkers', 'co-workers'],
  ['new joiners', 'new hires', 'new starters', 'newcomers', 'new team members', 'new teammates', 'new colleagues'],
  ['pull requests', 'pull request', 'prs', 'pr', 'merge requests', 'code changes', 'changes'],
  ['documentation', 'docs', 'documents', 'write-ups', 'writeups'],
  ['rfcs', 'rfc', 'proposals', 'design documents', 'design docs', 'technical proposals', 'design proposals'],
  ['bugs', 'defects', 'issues', 'problems', 'faults'],
  ['customers', 'users', 'clients', 'end users'],
  ['stakeholders', 'partners', 'business partners'],
  ['ensures', 'makes sure', 'ensure', 'make sure', 'guarantees'],
  ['uses', 'utilizes', 'applies', 'leverages', 'employs', 'makes use of'],
  ['shows', 'demonstrates', 'displays', 'exhibits'],
  ['understands', 'knows', 'grasps', 'comprehends', 'has a good understanding of', 'has a solid understanding of', 'has a grasp of'],
  ['identifies', 'spots', 'recognizes', 'finds', 'notices', 'detects', 'picks up on', 'surfaces'],
  ['improves', 'enhances', 'makes better', 'betters'],
  ['writes', 'authors', 'produces', 'drafts'],
  ['gives', 'provides', 'offers'],
  ['builds', 'creates', 'develops', 'constructs'],
  ['tasks', 'work items', 'tickets', 'stories'],
  ['complex', 'complicated', 'intricate', 'involved'],
  ['large', 'big', 'sizeable', 'sizable'],
  ['small', 'minor', 'little'],
  ['rituals', 'ceremonies', 'routines'],
  ['up to date', 'up-to-date', 'current', 'updated'],
  ['increments', 'steps', 'iterations', 'chunks', 'pieces'],
  ['pushes', 'ships', 'releases', 'deploys', 'rolls out', 'pushes out', 'delivers'],
  ['kpis', 'key metrics', 'metrics', 'key performance indicators', 'measures'],
  ['defined by', 'chosen by', 'selected by', 'picked by', 'set by', 'decided by', 'agreed by', 'agreed on by'],
  ['readability', 'legibility', 'clarity'],
  ['readable', 'legible'],
  ['opinions', 'views', 'perspectives', 'viewpoints', 'points of view'],
  ['graciously', 'with grace', 'gracefully'],
  ['clear', 'understandable', 'easy to follow', 'easy to understand', 'readable', 'legible', 'plain'],
  ['projects', 'initiatives', 'efforts', 'workstreams', 'pieces of work'],
  ['explains', 'communicates', 'describes', 'conveys', 'articulates'],
  ['fixes', 'resolves', 'addresses', 'solves', 'repairs'],
  ['debugs', 'troubleshoots', 'diagnoses'],
  ['reviews', 'checks', 'examines', 'inspects'],
  ['tests', 'testing', 'test coverage'],
  ['mentors', 'coaches', 'guides'],
  ['decisions', 'choices', 'calls'],
  ['trade-offs', 'tradeoffs', 'trade offs', 'compromises'],
  ['goals', 'objectives', 'aims', 'targets'],
  ['quickly', 'promptly', 'swiftly', 'fast', 'rapidly'],
  ['carefully', 'thoughtfully', 'with care'],
  ['meetings', 'discussions', 'conversations'],
  ['feedback', 'input', 'comments'],
  ['knowledge', 'expertise', 'know-how'],
  ['problems', 'challenges', 'issues'],
  ['systems', 'services', 'components'],
  ['codebase', 'code base', 'code'],
  ['on time', 'on schedule', 'by the deadline', 'to schedule', 'to plan', 'plan', 'deadline', 'deadlines', 'schedule', 'timeline', 'timelines', 'estimates'],
  ['manager', 'line manager', 'lead'],
  ['seeks', 'asks for', 'requests', 'looks for'],
  ['shares', 'spreads', 'passes on', 'disseminates'],
  ['plans', 'schedules', 'organizes'],
  ['breaks down', 'breaks', 'splits', 'splits up', 'decomposes', 'divides'],
  ['documents', 'records', 'writes down', 'captures', 'notes down'],
  ['groomed', 'tidy', 'organized', 'in order', 'clean', 'well-maintained', 'refined', 'well kept'],
  ['collaborates with', 'works with', 'partners with', 'cooperates with'],
  ['proposes', 'suggests', 'recommends', 'puts forward'],
  ['evaluates', 'assesses', 'weighs', 'appraises'],
  ['anticipates', 'foresees', 'predicts', 'expects'],
  ['maintains', 'looks after', 'takes care of', 'keeps up'],
  ['technical debt', 'tech debt'],
  ['thorough', 'comprehensive', 'complete'],
  ['teaches', 'educates', 'trains'],
  ['handles', 'deals with', 'manages', 'copes with'],
  ['raises', 'flags', 'escalates', 'calls out'],
];

/** Words whose change alone changes nothing asked: function words and empty intensifiers. */
export const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'from', 'into', 'onto', 'about', 'as', 'and', 'or', 'but', 'so',
  'that', 'which', 'who', 'whom', 'whose', 'this', 'these', 'those', 'it', 'its', 'they', 'them', 'their', 'theirs', 'themselves',
  'he', 'she', 'his', 'her', 'we', 'our', 'you', 'your', 'be', 'is', 'are', 'was', 'were', 'been', 'being', 'have', 'has', 'had', 'do', 'does',
  'did', 'will', 'would', 'shall', 'when', 'while', 'how', 'what', 'if', 'then', 'than', 'there', 'here', 'also', 'such', 'other',
  'others', 'any', 'e', 'g', 'i', 'eg', 'ie', 'etc', 'via', 'through', 'throughout', 'upon', 'within', 'across', 'where',
  'very', 'really', 'just', 'actually', 'simply', 'basically', 'truly', 'quite', 'rather', 'even', 'both', 'either', 'whether',
  'order', 'able', 'get', 'gets', 'getting', 'got', 'become', 'becomes', 'can', 'could', 'should', 'must', 'one', 'someone', 'something', 'thing', 'things', 'way', 'ways', 'well',
  'appropriate', 'appropriately', 'relevant', 'necessary', 'effectively', 'efficiently', 'successfully', 'properly', 'clearly',
]);

/** Pairs that look alike and mean the opposite: never a misspelling of each other. */
export const OPPOSITES: ReadonlyArray<readonly [string, string]> = [
  ['maximize', 'minimize'], ['maximizes', 'minimizes'], ['maximum', 'minimum'], ['increase', 'decrease'], ['increases', 'decreases'],
  ['inbound', 'outbound'], ['input', 'output'], ['upper', 'lower'], ['inner', 'outer'], ['internal', 'external'], ['junior', 'senior'],
  ['import', 'export'], ['include', 'exclude'], ['includes', 'excludes'], ['encrypt', 'decrypt'], ['enable', 'disable'],
  ['enables', 'disables'], ['accept', 'reject'], ['accepts', 'rejects'], ['more', 'less'], ['most', 'least'], ['above', 'below'],
  ['upstream', 'downstream'], ['frontend', 'backend'], ['overestimate', 'underestimate'], ['overestimates', 'underestimates'],
];

/** Words that open a condition: what follows limits when the demand applies. */
export const CONDITIONS = ['when', 'whenever', 'if', 'unless', 'once', 'as long as', 'provided', 'while', 'where'];

/** Words that relate two things one way: swapping what stands on each side changes the demand. */
export const ONE_WAY = ['over', 'than', 'before', 'after', 'instead of', 'rather than', 'versus', 'vs'];

/** Words that introduce examples: what follows illustrates the demand and does not widen it. */
export const EXAMPLE_MARKERS = ['such as', 'e g', 'eg', 'for example', 'for instance', 'including', 'like', 'i e', 'ie', 'etc'];
