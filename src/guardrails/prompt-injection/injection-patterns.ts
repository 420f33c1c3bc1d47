/**
 * Prompt-injection detection patterns, grouped by the categories of the OWASP LLM Prompt
 * Injection Prevention Cheat Sheet. They run on normalised text (lower case, NFKC, accents
 * and zero-width characters removed, look-alike letters folded, typoglycemia undone; see
 * normalize-for-scan.ts), so they are written in plain lower-case ASCII — except the
 * multilingual ones, which keep their script. Every quantifier between words is bounded.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/LLM_Prompt_Injection_Prevention_Cheat_Sheet.html
 */
export type InjectionCategory =
  | 'instruction-override'
  | 'persona-jailbreak'
  | 'system-prompt-extraction'
  | 'delimiter-injection'
  | 'encoded-payload'
  | 'exfiltration'
  | 'multilingual';

/** One named detection pattern; the name is what a 403 and a flag record report. */
export interface InjectionPattern {
  name: string;
  category: InjectionCategory;
  regex: RegExp;
  /** Substrings one of which every match contains; the pattern only runs when one is present. */
  triggers: readonly string[];
}

const W = '(?:\\s{1,4})';
const FILLER = `(?:(?:all|any|every|each|the|your|my|of|these|those|this|previous|prior|above|earlier|preceding|former|original|initial|existing|system|old|current|given|following|other)${W})`;
const INSTRUCTIONS = '(?:instructions?|prompts?|directions?|rules|guidelines|commands?|directives?|programming|constraints|context|orders|guidance|policies|restrictions)';
const PRIOR = '(?:previous|prior|above|earlier|preceding|former|original|initial|existing|system|old|foregoing)';

function pattern(name: string, triggers: string[], category: InjectionCategory, source: string): InjectionPattern {
  return { name, category, triggers, regex: new RegExp(source, 'g') };
}

/** The built-in patterns, compiled once at module load. */
export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  // Instruction override
  pattern('ignore-previous-instructions', ['ignore', 'disregard', 'forget', 'skip', 'override', 'overlook', 'neglect', 'dismiss', 'discard', 'abandon', 'aside'], 'instruction-override', `\\b(?:ignore|disregard|forget|skip|override|overlook|neglect|dismiss|discard|abandon|set aside)${W}${FILLER}{0,4}${PRIOR}${W}${FILLER}{0,2}${INSTRUCTIONS}`),
  pattern('ignore-all-instructions', ['ignore', 'disregard', 'forget', 'discard'], 'instruction-override', `\\b(?:ignore|disregard|forget|discard)${W}(?:all|any|every)${W}(?:of${W})?(?:your${W}|the${W}|my${W})?${INSTRUCTIONS}`),
  pattern('ignore-what-you-were-told', ['ignore', 'disregard', 'forget'], 'instruction-override', `\\b(?:ignore|disregard|forget)${W}(?:everything|anything|all|what)${W}(?:(?:that|you)${W}){0,2}(?:were|was|have${W}been|had${W}been)?${W}?(?:told|said|instructed|given|taught|programmed)`),
  pattern('do-not-follow-instructions', ['follow', 'obey', 'listen', 'comply', 'adhere'], 'instruction-override', `\\b(?:do${W}not|don'?t|stop|never)${W}(?:follow(?:ing)?|obey(?:ing)?|listen(?:ing)?${W}to|comply(?:ing)?${W}with|adher(?:e|ing)${W}to)${W}(?:your|the|any|those|these)${W}(?:${PRIOR}${W})?${INSTRUCTIONS}`),
  pattern('new-instructions', ['new', 'updated'], 'instruction-override', `\\byour${W}new${W}(?:instructions?|directives?|rules|task|role|purpose|objective|orders)${W}(?:are|is)\\b|\\bnew${W}(?:system${W})?(?:instructions|directives|system${W}prompt)${W}?:|\\bupdated${W}system${W}(?:prompt|instructions)`),
  pattern('override-safety', ['filter', 'guardrail', 'restriction', 'safeguard', 'guideline', 'rules', 'programming', 'limitation', 'alignment', 'training', 'polic', 'censorship', 'moderation', 'ethics'], 'instruction-override', `\\b(?:override|bypass|disable|circumvent|ignore|turn${W}off|deactivate|switch${W}off|get${W}around|evade|remove|break)${W}(?:all${W}(?:of${W})?)?(?:your|its|the${W}(?:model|ai|assistant)'?s?)${W}(?:\\w{1,20}${W}){0,2}(?:filters?|guardrails?|restrictions?|safeguards?|guidelines|rules|programming|limitations?|alignment|training|polic(?:y|ies)|censorship|moderation|ethics)`),
  pattern('no-restrictions', ['free', 'released', 'liberated', 'unshackled', 'unchained', 'unleashed', 'restriction', 'guideline', 'limit', 'boundar', 'constraint', 'filter', 'censorship', 'rules'], 'instruction-override', `\\byou${W}(?:are|have${W}been|were)${W}(?:now${W})?(?:free|freed|released|liberated|unshackled|unchained|unleashed)${W}(?:from|of)\\b|\\b(?:you${W}(?:have|with)|with)${W}no${W}(?:ethical|moral|content|safety)?${W}?(?:restrictions|guidelines|limits|limitations|boundaries|constraints|filters|censorship|rules)${W}(?:whatsoever|at${W}all|anymore|of${W}any${W}kind)`),
  pattern('from-now-on-override', ['now'], 'instruction-override', `\\bfrom${W}now${W}on,?${W}(?:you${W}(?:are${W}no${W}longer|will${W}no${W}longer|have${W}no|will${W}ignore|must${W}ignore|will${W}not${W}(?:follow|refuse)|can${W}do${W}anything)|ignore|disregard|respond${W}without)`),
  pattern('priority-override', ['overrides', 'supersedes', 'precedence', 'replaces'], 'instruction-override', `\\b(?:this|the${W}following)${W}(?:instruction|message|command)${W}(?:overrides|supersedes|takes${W}precedence${W}over|replaces)${W}(?:all|any|every|your)`),
  // Role-play and jailbreak personas
  pattern('dan-persona', ['anything', 'dan', 'stan', 'dude', 'antigpt', 'anti-gpt', 'aim', 'devmode'], 'persona-jailbreak', `\\bdo${W}anything${W}now\\b|\\b(?:dan|stan|dude|betterdan|antigpt|anti-gpt|aim|devmode)${W}(?:mode|prompt|jailbreak)\\b|\\byou${W}are${W}(?:now${W})?(?:going${W}to${W}(?:act${W}as|pretend${W}to${W}be)${W})?dan\\b`),
  pattern('developer-mode', ['mode'], 'persona-jailbreak', `\\b(?:developer|god|jailbreak|jailbroken|unrestricted|unfiltered|dan|evil|chaos)${W}mode${W}(?:is${W})?(?:now${W})?(?:enabled|activated|on|engaged|unlocked)\\b|\\b(?:enable|activate|enter|switch${W}to|turn${W}on|unlock)${W}(?:the${W})?(?:god|jailbreak|jailbroken|unrestricted|unfiltered|dan|evil|chaos)${W}mode\\b`),
  pattern('pretend-unrestricted', ['pretend', 'imagine', 'suppose', 'assume', 'behave', 'act'], 'persona-jailbreak', `\\b(?:pretend|imagine|act${W}as${W}if|suppose|behave${W}as${W}if|assume)${W}(?:that${W})?(?:you${W})?(?:are|were|have|had)${W}(?:an?${W})?(?:(?:ai|assistant|model|chatbot|bot|llm)${W}(?:with${W})?)?(?:no${W}(?:rules|restrictions|filters|guidelines|limits|ethical|content|safety|moral)|unrestricted|unfiltered|uncensored|evil|jailbroken|amoral|without${W}(?:any${W})?(?:rules|restrictions|filters|guidelines|limits))`),
  pattern('act-as-unrestricted', ['unrestricted', 'unfiltered', 'uncensored', 'evil', 'rogue', 'malicious', 'jailbroken', 'amoral', 'unethical', 'unaligned', 'unbound'], 'persona-jailbreak', `\\b(?:act|behave|respond|answer|roleplay|role-play|pose|reply)${W}(?:as|like)${W}(?:an?${W})?(?:\\w{1,20}${W})?(?:unrestricted|unfiltered|uncensored|evil|rogue|malicious|jailbroken|amoral|unethical|unaligned|unbound)${W}(?:ai|assistant|model|chatbot|bot|version|llm|gpt)`),
  pattern('you-are-now-unrestricted', ['longer', 'unrestricted', 'unfiltered', 'uncensored', 'jailbroken', 'free', 'evil'], 'persona-jailbreak', `\\byou${W}are${W}(?:now${W})?(?:no${W}longer${W}(?:an?${W}ai|chatgpt|claude|bound|restricted|limited|an${W}assistant|required${W}to)|now${W}(?:an?${W})?(?:unrestricted|unfiltered|uncensored|jailbroken|free${W}ai|evil))`),
  pattern('never-break-character', ['character'], 'persona-jailbreak', `\\b(?:never|don'?t|do${W}not)${W}break${W}character\\b|\\b(?:stay|remain)${W}in${W}character${W}(?:no${W}matter|at${W}all${W}times|even${W}if|whatever)`),
  pattern('hypothetical-bypass', ['hypothetical', 'fictional', 'story', 'novel', 'movie'], 'persona-jailbreak', `\\b(?:hypothetically|in${W}a${W}(?:fictional|hypothetical)${W}(?:world|scenario|universe)|for${W}a${W}(?:story|novel|movie))\\b.{0,80}\\b(?:no${W}(?:rules|restrictions|ethics|laws|filters|guidelines)|without${W}(?:any${W})?(?:rules|restrictions|ethics|filters|guidelines|censorship))`),
  pattern('evil-alter-ego', ['opposite', 'evil', 'shadow', 'dark', 'unfiltered', 'uncensored'], 'persona-jailbreak', `\\b(?:opposite${W}mode|evil${W}(?:twin|confidant|version${W}of${W}(?:yourself|you)|alter${W}ego|ai)|shadow${W}self|your${W}(?:evil|dark|unfiltered|uncensored)${W}(?:side|self|twin|persona|alter${W}ego))\\b`),
  pattern('answer-both-ways', ['jailbroken', 'unfiltered', 'uncensored', 'without'], 'persona-jailbreak', `\\b(?:two|2|both)${W}(?:responses|answers|ways)\\b.{0,80}\\b(?:jailbroken|unfiltered|uncensored|without${W}(?:any${W})?(?:restrictions|filters))`),
  // System-prompt extraction
  pattern('reveal-system-prompt', ['prompt', 'message', 'instructions', 'directives', 'configuration'], 'system-prompt-extraction', `\\b(?:reveal|show|print|display|output|repeat|tell${W}me|give${W}me|share|leak|dump|expose|disclose|write${W}out|write${W}down|recite|spell${W}out|paste|return|echo|type${W}out)${W}(?:me${W})?(?:all${W}(?:of${W})?)?(?:(?:your|its)${W}(?:(?:full|entire|exact|complete|original|initial|hidden|secret|internal|confidential|current|whole|raw)${W}){0,3}(?:system|developer|initial|pre-?)${W}?(?:prompt|message|instructions|directives|configuration)|(?:the|this)${W}(?:(?:full|entire|exact|complete|original|initial|hidden|secret|internal|confidential|current|whole|raw)${W}){0,3}(?:system|developer|initial|pre-?)${W}?(?:prompt|instructions|directives))`),
  pattern('reveal-hidden-instructions', ['your'], 'system-prompt-extraction', `\\b(?:reveal|show|print|display|output|repeat|tell${W}me|give${W}me|share|leak|dump|expose|disclose|recite|list)${W}(?:me${W})?(?:all${W}(?:of${W})?)?your${W}(?:(?:full|entire|exact|complete|original|initial|hidden|secret|internal|confidential|core|underlying)${W}){0,3}(?:instructions|prompt|rules|directives|guidelines|programming)\\b`),
  pattern('what-is-your-prompt', ['what'], 'system-prompt-extraction', `\\bwhat${W}(?:is|was|are|were)${W}(?:your${W}(?:(?:exact|full|entire|complete|very)${W})?(?:initial|original|first|system|hidden|secret|internal|developer)${W}(?:prompt|instructions?|message|directives?|rules)|the${W}(?:(?:exact|full)${W})?(?:system|hidden|secret|initial|developer)${W}(?:prompt|message))`),
  pattern('repeat-text-above', ['above', 'before', 'preceding', 'you'], 'system-prompt-extraction', `\\b(?:repeat|print|output|copy|reproduce|recite)${W}(?:(?:the|all|every|everything|of)${W}){0,3}(?:(?:words|text|lines|tokens|content|messages?|sentences)${W})?(?:above|before${W}(?:this|my)|preceding${W}(?:this|my))|\\b(?:starting|beginning)${W}with${W}["'\`]?you${W}are\\b`),
  pattern('verbatim-instructions', ['verbatim', 'word'], 'system-prompt-extraction', `\\b(?:verbatim|word${W}for${W}word|word-for-word)\\b.{0,60}\\b(?:prompt|instructions|system|above)\\b|\\b(?:prompt|instructions|system${W}message)\\b.{0,40}\\bverbatim\\b`),
  pattern('prompt-in-code-block', ['code', 'markdown', 'json', 'txt'], 'system-prompt-extraction', `\\b(?:put|place|write|output|format)${W}(?:your|the)${W}(?:system${W})?(?:prompt|instructions)${W}(?:in|into|inside)${W}(?:a${W})?(?:code${W}block|markdown|json|txt)`),
  // Delimiter and format injection
  pattern('chat-template-tokens', ['<|'], 'delimiter-injection', `<\\|\\s{0,2}(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id|begin_of_text)\\s{0,2}\\|>`),
  pattern('inst-sys-tags', ['inst]', '<<', 'sys'], 'delimiter-injection', `\\[/?inst\\]|<</?sys>>|<\\s{0,2}/?\\s{0,2}(?:system|sys_prompt|system_prompt)\\s{0,2}>`),
  pattern('fake-system-role', ['sys', 'developer', 'admin'], 'delimiter-injection', `(?:^|\\n)\\s{0,8}(?:#{1,3}\\s{0,2}|\\[|<|\\*\\*)?\\s{0,2}(?:system|sys|developer|admin)(?:\\]|>|\\*\\*)?\\s{0,2}(?:override|message|prompt|instructions?|note|update)?\\s{0,2}:\\s{0,4}(?:ignore|you${W}are${W}now|new${W}instructions|disregard|forget|override|from${W}now${W}on|the${W}assistant${W}(?:must|will|should))`),
  pattern('end-of-prompt-marker', ['end', 'begin'], 'delimiter-injection', `\\b(?:end${W}of${W}(?:system${W})?(?:prompt|instructions|context|user${W}input)|begin${W}(?:new${W})?(?:system${W})?(?:instructions|prompt))\\b.{0,80}\\b(?:ignore|you${W}(?:are|must|will)|new${W}instructions|disregard|now${W}(?:follow|obey|do))|-{3,}${W}?(?:end|begin)${W}(?:of${W})?(?:system|instructions|prompt)${W}?-{3,}`),
  pattern('json-role-override', ['role'], 'delimiter-injection', `["']role["']\\s{0,2}:\\s{0,2}["'](?:system|developer)["']\\s{0,2},\\s{0,2}["']content["']\\s{0,2}:\\s{0,2}["'][^"']{0,120}\\b(?:ignore|disregard|override|jailbr|no${W}restrictions|unrestricted|reveal)`),
  // Encoded payloads
  pattern('decode-and-execute', ['decode', 'decrypt', 'deobfuscate', 'unscramble', 'reverse'], 'encoded-payload', `\\b(?:decode|decrypt|deobfuscate|unscramble|reverse)\\b.{0,80}\\b(?:execute|follow|run|obey|carry${W}out|act${W}on|perform|comply${W}with)${W}(?:it|them|that|the${W}(?:decoded|resulting|hidden|result)\\b|what${W}it${W}says|the${W}instructions?)\\b`),
  pattern('encoded-instructions', ['base64', 'b64', 'hex', 'rot13', 'rot-13', 'binary', 'morse', 'encoded', 'ciphered'], 'encoded-payload', `\\b(?:base64|b64|hex|rot13|rot-13|binary|morse|encoded|ciphered)\\b.{0,40}\\b(?:instructions?|commands?|payload|prompt|message)\\b.{0,40}\\b(?:follow|execute|obey|run|comply|carry${W}out)`),
  // Exfiltration through rendered output
  pattern('exfiltrate-via-url', ['url', 'link', 'image', 'query', 'parameter', 'request', 'webhook'], 'exfiltration', `\\b(?:append|include|add|insert|encode|embed|send|put)${W}(?:(?:the|all|our|this|my|your|every|entire|previous|whole)${W}){0,3}(?:conversation(?:${W}history)?|chat${W}history|previous${W}messages|system${W}prompt|secrets?|api${W}keys?|passwords?|credentials|user${W}data)${W}(?:to|in|into|as)${W}(?:(?:the|a|this)${W})?(?:url|link|image|query|parameter|request|webhook)`),
  pattern('markdown-image-exfil', ['!['], 'exfiltration', `!\\[[^\\]]{0,100}\\]\\(\\s{0,4}https?://[^)\\s]{1,200}[?&][\\w-]{1,40}=(?:\\{|\\$|%7b|<)`),
  // Multilingual variants
  pattern('ignore-instructions-es', ['instrucciones', 'reglas', 'indicaciones', 'directrices', 'ordenes'], 'multilingual', `\\b(?:ignora|olvida|omite|descarta|ignore|olvide)${W}(?:todas${W}|todos${W})?(?:las${W}|los${W}|tus${W}|sus${W})?(?:instrucciones|reglas|indicaciones|directrices|ordenes)${W}(?:anteriores|previas|de${W}arriba)`),
  pattern('ignore-instructions-fr', ['instructions', 'consignes', 'regles', 'directives', 'ordres'], 'multilingual', `\\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?)${W}(?:toutes${W}|tous${W})?(?:les${W}|tes${W}|vos${W})?(?:instructions|consignes|regles|directives|ordres)${W}(?:precedentes|anterieures|ci-dessus|d'avant)`),
  pattern('ignore-instructions-de', ['anweisungen', 'instruktionen', 'regeln', 'befehle', 'vorgaben'], 'multilingual', `\\b(?:ignoriere|ignorier|vergiss|vergesse|missachte)${W}(?:alle${W})?(?:vorherigen${W}|bisherigen${W}|vorigen${W}|obigen${W}|fruheren${W})?(?:anweisungen|instruktionen|regeln|befehle|vorgaben)`),
  pattern('ignore-instructions-it-pt', ['istruzioni', 'regole', 'instrucoes', 'regras'], 'multilingual', `\\b(?:ignora|dimentica|ignore|esqueca)${W}(?:tutte${W}|todas${W})?(?:le${W}|as${W})?(?:istruzioni|regole|instrucoes|regras)${W}(?:precedenti|anteriores)`),
  pattern('ignore-instructions-nl', ['instructies', 'regels', 'opdrachten'], 'multilingual', `\\b(?:negeer|vergeet)${W}(?:alle${W})?(?:vorige|eerdere|voorgaande|bovenstaande)${W}(?:instructies|regels|opdrachten)`),
  pattern('ignore-instructions-ru', ['инструкции', 'указания', 'правила', 'команды'], 'multilingual', `(?:игнорируй|игнорировать|забудь|проигнорируй)${W}(?:все${W})?(?:предыдущие|прежние|прошлые|вышеуказанные)${W}(?:инструкции|указания|правила|команды)`),
  pattern('ignore-instructions-zh', ['忽略', '无视', '忘记', '忽視', '無視', '忘記'], 'multilingual', `(?:忽略|无视|忘记|忽視|無視|忘記)(?:之前|以前|先前|上面|上述|前面|所有)(?:的)?(?:所有)?(?:的)?(?:指令|指示|说明|說明|规则|規則|提示|命令)`),
  pattern('ignore-instructions-ja-ko', ['無視', '忘れ', '무시', '잊어'], 'multilingual', `(?:以前|前|上記|これまで)の(?:すべての)?(?:指示|命令|ルール|指令)を(?:無視|忘れ)|(?:이전|앞의|위의)\\s{0,2}(?:모든\\s{0,2})?(?:지시|명령|지침)(?:을|를|사항을)?\\s{0,2}(?:무시|잊어)`),
  pattern('reveal-system-prompt-intl', ['sistema', 'systeme', 'system'], 'multilingual', `\\b(?:muestra(?:me)?|revela(?:me)?|dime)${W}(?:tu|el)${W}(?:prompt|mensaje|instrucciones)${W}(?:del${W}|de${W})?sistema|\\b(?:montre|revele|affiche|donne)[sz]?${W}(?:moi${W})?(?:ton|le|votre)${W}(?:prompt|message)${W}(?:systeme|system)|\\b(?:zeige|verrate|gib)${W}(?:mir${W})?(?:deinen|den|deine)${W}(?:system-?prompt|systemprompt|systemanweisungen)`),
];

/**
 * One pass over the text finds which triggers occur, so the patterns that cannot match are
 * skipped: an ordinary 10 KB prompt runs a handful of patterns, not all of them.
 */
const TRIGGERS = [...new Set(INJECTION_PATTERNS.flatMap((p) => p.triggers))];
/** A hit on `system` is also a hit on `sys`: the scan reports only the longest trigger at a place. */
const CONTAINED = new Map(TRIGGERS.map((t) => [t, TRIGGERS.filter((other) => t.includes(other))]));
const TRIGGER_SCAN = new RegExp(
  [...TRIGGERS]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\!<>-]/g, '\\$&'))
    .join('|'),
  'g',
);

/** The patterns worth running on `text` (normalised), chosen by the triggers present. */
export function selectPatterns(text: string): InjectionPattern[] {
  const hits = new Set<string>();
  TRIGGER_SCAN.lastIndex = 0;
  for (let match = TRIGGER_SCAN.exec(text); match !== null; match = TRIGGER_SCAN.exec(text)) {
    if (hits.has(match[0])) continue;
    for (const contained of CONTAINED.get(match[0]) ?? []) hits.add(contained);
  }
  if (hits.size === 0) return [];
  return INJECTION_PATTERNS.filter((p) => p.triggers.some((t) => hits.has(t)));
}
