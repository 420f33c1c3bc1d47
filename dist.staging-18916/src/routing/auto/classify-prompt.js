const CODE = /```|\b(def|function|class|import|const|let|var|return|public static|#include|SELECT|INSERT|console\.log|println|async|await|lambda|struct|impl|fn)\b|[{};]\s*$|\w+\.(py|ts|js|go|rs|java|cpp|sql|rb)\b|Traceback|stack trace|segfault|NullPointerException|TypeError|compile|regex|unit test|refactor|\bbug\b|debug|implement|\bAPI\b|endpoint|SQL|Python|JavaScript|TypeScript|Rust|Golang|Java\b|C\+\+|Bash|shell script|Dockerfile|Kubernetes/im;
const MATH = /\b(solve|equation|integral|derivative|prove|proof|theorem|lemma|probability|matrix|eigen|polynomial|factor(ize)?|calculate|compute|sum of|limit of|modulo|prime|geometry|triangle|algebra|calculus|expected value|variance)\b|\\frac|\\int|\d+\s*[-+*/^]\s*\d+|\bx\^2\b|=\s*\d/i;
const CREATIVE = /\b(poem|haiku|story|short story|lyrics|song|limerick|sonnet|screenplay|fiction|slogan|tagline|joke|fairy tale|rap|creative|character|plot)\b/i;
const SUMMARY = /\b(summari[sz]e|summary|tl;?dr|key points|condense|shorten|recap|in a nutshell|main points)\b/i;
const TRANSLATE = /\b(translate|translation|in (french|spanish|german|italian|japanese|chinese|portuguese|korean|russian|arabic|dutch)|into (french|spanish|german|italian|japanese|chinese|portuguese|korean|russian|arabic|dutch|english))\b/i;
const EXTRACT = /\b(extract|pull out|list all|find all|parse|as json|into json|json object|structured|fields|named entities|entities|classify|label each|tag each)\b/i;
const ANALYSIS = /\b(explain why|analy[sz]e|analysis|compare|contrast|trade-?offs?|pros and cons|evaluate|critique|assess|design|architecture|strategy|plan for|root cause|implications|reason about|step by step|argue|justify|recommend)\b/i;
const HARD = /\b(prove|rigorous|formal proof|optimi[sz]e|distributed|concurren(t|cy)|race condition|lock-?free|complexity|asymptotic|scalab|production-grade|from scratch|end-to-end|multi-step|thread-safe|consensus|fault-tolerant|compiler|kernel|cryptograph|zero-knowledge|NP-hard|dynamic programming|research|novel|in depth|in-depth|comprehensive|exhaustive|edge cases)\b/i;
const tokensOf = (text) => Math.ceil(text.length / 4);
function classifyPrompt(request) {
  const messages = request.messages ?? [];
  const lastUser = [...messages].reverse().find((message) => message.role === "user");
  const text = textOf(lastUser);
  const allText = messages.map(textOf).join("\n");
  const signals = [];
  const tools = Array.isArray(request.tools) && request.tools.length > 0;
  let taskType;
  if (tools) taskType = "tool_use";
  else if (TRANSLATE.test(text)) taskType = "translation";
  else if (SUMMARY.test(text)) taskType = "summarization";
  else if (/```/.test(text) || CODE.test(text) && !MATH_ONLY(text)) taskType = "code";
  else if (MATH.test(text)) taskType = "math";
  else if (CREATIVE.test(text)) taskType = "creative";
  else if (EXTRACT.test(text)) taskType = "extraction";
  else if (ANALYSIS.test(text)) taskType = "analysis";
  else taskType = "chat";
  signals.push(`task:${taskType}`);
  let score = BASE_DIFFICULTY[taskType];
  const promptTokens = tokensOf(allText);
  if (promptTokens > 6e3) {
    score += 2;
    signals.push("very long prompt");
  } else if (promptTokens > 1500 && taskType !== "summarization" && taskType !== "translation") {
    score += 1;
    signals.push("long prompt");
  }
  if (HARD.test(text)) {
    score += 1;
    signals.push("hard topic");
  }
  if (messages.length > 10) {
    score += 1;
    signals.push("deep conversation");
  }
  const effort = request.reasoning?.effort;
  if (effort === "high" || effort === "xhigh" || (request.reasoning?.max_tokens ?? 0) >= 8e3) {
    score += 1;
    signals.push("reasoning requested");
  }
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words <= 12 && score > 0 && !HARD.test(text) && taskType !== "tool_use") {
    score -= 1;
    signals.push("short prompt");
  }
  const difficulty = score <= 0 ? "easy" : score === 1 ? "medium" : "hard";
  return { taskType, difficulty, signals };
}
const BASE_DIFFICULTY = {
  chat: 0,
  translation: 0,
  summarization: 0,
  extraction: 0,
  creative: 0,
  code: 1,
  math: 1,
  analysis: 1,
  tool_use: 1
};
function MATH_ONLY(text) {
  return MATH.test(text) && !/```|\b(def|function|class|import|const|return|code|program|script|implement|debug|Python|JavaScript|TypeScript|SQL|Rust|Java|C\+\+|bug|compile|regex|API)\b/i.test(text);
}
function textOf(message) {
  if (!message) return "";
  const { content } = message;
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => "text" in part && typeof part.text === "string" ? part.text : "").join("\n");
}
export {
  classifyPrompt
};
//# sourceMappingURL=classify-prompt.js.map
