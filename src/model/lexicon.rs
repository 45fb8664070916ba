//! Lexicons of the Korean analyser: speech-level endings and profanity. Data, not code:
//! `scenarios/lexicon/*.ron`.

use serde::{Deserialize, Serialize};

/// Endings and words that decide a sentence's speech level.
///
/// Endings are matched at the end of the sentence's last word. An ending may start with a
/// compatibility consonant (`ㅂ니다`, `ㄹ게`): it then matches a syllable with that final
/// consonant (`합니다`, `할게`). The longest matching ending decides.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechLexicon {
    /// 하십시오체 and 해요체 endings (`요`, `니다`, `ㅂ니까`, `시오`, `죠`).
    pub formal_endings: Vec<String>,
    /// 해체 and 해라체 endings (`어`, `야`, `냐`, `ㄹ게`, `다`).
    pub informal_endings: Vec<String>,
    /// Whole words that are a formal sentence on their own (`네`, `예`, `아니요`).
    #[serde(default)]
    pub formal_words: Vec<String>,
    /// Whole words that are a 반말 sentence on their own (`응`, `그래`, `ㅇㅇ`).
    #[serde(default)]
    pub informal_words: Vec<String>,
    /// Interjections and fillers skipped when looking for the last word (`하하`, `아이고`).
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Words that only 반말 uses (`너`, `니가`); they make a sentence without a clear ending informal.
    #[serde(default)]
    pub informal_markers: Vec<String>,
    /// Playful spellings of endings, replaced before deciding (`("용", "요")`, `("넹", "네")`).
    #[serde(default)]
    pub respellings: Vec<(String, String)>,
    /// Endings of a clause that leans on another one (`…없어서`, `…맛있는데`, `…하고`). Said alone
    /// they are 반말, but typed after a 존댓말 sentence they are an afterthought of that sentence
    /// (`잘 모르겠어요. 해 본 적이 없어서.`) and take its level.
    #[serde(default)]
    pub connective_endings: Vec<String>,
    /// Particles that end an elliptical question (`고양이는?`, `6마리나?`, `그 정도로?`): 존댓말
    /// would add 요 (`고양이는요?`), so such a question is 반말.
    #[serde(default)]
    pub question_particles: Vec<String>,
    /// Words that make a whole question on their own (`어째서?`, `어떻게?`, `진짜?`); 존댓말 adds 요.
    #[serde(default)]
    pub interrogatives: Vec<String>,
    /// Particles of a phrase put after the predicate as an afterthought (`많지 추석에는`,
    /// `구워 이 빵집에서는`): the predicate before it decides.
    #[serde(default)]
    pub afterthought_particles: Vec<String>,
    /// Determiners that may stand inside such a phrase (`이 빵집에서는`).
    #[serde(default)]
    pub determiners: Vec<String>,
    /// One-syllable words that sit before a listed noun as part of it (`두가지`, `큰피해`,
    /// `재신고`). Any other single syllable before a listed noun makes a different word
    /// (`감상해` is not `상해`, `도시야` is not `시야`).
    #[serde(default)]
    pub noun_prefixes: Vec<String>,
    /// Endings after which a new sentence starts even without punctuation
    /// (`안녕하십니까 교통조사계입니다` is two sentences).
    #[serde(default)]
    pub terminal_endings: Vec<String>,
    /// Words that end like a verb but are nouns or adverbs, never a predicate (`사고`, `진술서`).
    #[serde(default)]
    pub not_predicates: Vec<String>,
}

/// Swear words and insults, matched on a skeleton of the text that survives obfuscation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfanityLexicon {
    /// Hangul words, matched after spaces, digits, punctuation and Latin fillers between
    /// syllables are dropped (`시1발`, `시 발` → `시발`).
    pub words: Vec<String>,
    /// Consonant abbreviations (`ㅅㅂ`, `ㅂㅅ`), matched on runs of bare consonants.
    #[serde(default)]
    pub initials: Vec<String>,
    /// Latin spellings: English swears and Korean typed on a Latin keyboard (`tlqkf`).
    #[serde(default)]
    pub latin: Vec<String>,
    /// Look-alike spellings replaced before matching (`("c발", "씨발")`).
    #[serde(default)]
    pub respellings: Vec<(String, String)>,
    /// Innocent words that contain a listed word (`시발점`, `새끼손가락`); a match inside one
    /// of them does not count.
    #[serde(default)]
    pub safe: Vec<String>,
}

/// Words that stop a cue from counting: negation after it (`죄송할 일은 아니죠`), reported
/// speech (`안녕히 가시라는 말씀은`), and the hedge `N은 하는데` (`공감은 하는데 규정은 규정입니다`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueGuards {
    /// Negation inside a word (`않`, `아니`, `없`).
    pub negators: Vec<String>,
    /// Negation as a word of its own (`안`, `못`).
    pub negator_words: Vec<String>,
    /// Endings of reported speech on the cue's word (`라는`, `다고`).
    pub quotatives: Vec<String>,
    /// Particles of the hedge, right after the cue (`은`, `는`).
    pub hedge_particles: Vec<String>,
    /// Concessive endings of the hedge's verb (`는데`, `지만`).
    pub hedge_endings: Vec<String>,
    /// Endings that close a clause; negation is looked for only up to the end of the clause.
    pub clause_endings: Vec<String>,
    /// Words that look negative but affirm (`수밖에 없다`: cannot but).
    #[serde(default)]
    pub not_negation: Vec<String>,
    /// Words after a fault cue that make it someone else's label, not the trainee's words
    /// (`나이롱 환자 취급을 받으셨다`).
    #[serde(default)]
    pub labels: Vec<String>,
    /// Conditional endings on a credit cue's word: `억울하시면` is not empathy.
    #[serde(default)]
    pub conditionals: Vec<String>,
}

/// What a sentence does, decided from its predicate and the kinds of words it has rather than
/// from fixed phrases: `scenarios/lexicon/acts.ron`.
///
/// A rule holds for a sentence when every one of its `all` conditions holds and none of its
/// `none` conditions does. A condition is
/// - `name`: a word of the class `name` (cue patterns, the grammar of checklist cues) is in it;
/// - `@name`: some word of the sentence ends with an ending of the class `name`;
/// - `$name`: its last word ends with one (the final predicate);
/// - `?`: it ends as a question;
/// - `#id`: the sentence already shows the item or violation `id` (for vetoes);
/// - `%name`: it names the speaker or someone by name ([`NameLexicon`]);
/// - `%first`: it is the first sentence of the turn;
/// - `~name`: a word of the class `name` is anywhere in the turn.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActLexicon {
    /// Ending classes, matched at the end of a word like speech-level endings (`ㄹ게요`).
    #[serde(default)]
    pub endings: std::collections::BTreeMap<String, Vec<String>>,
    /// Word classes: cue patterns.
    #[serde(default)]
    pub words: std::collections::BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub rules: Vec<ActRule>,
    /// How an officer's name is told apart from the unit alone (`%name`).
    #[serde(default)]
    pub names: NameLexicon,
}

/// What makes a word an officer's name (`교통조사계 김수철이에요`, `저는 박 경사입니다`): a
/// surname and one to three more syllables, or a surname alone before a title, said as a name
/// (a copula or a title after it) in a sentence that introduces someone.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameLexicon {
    /// Korean surnames, one or two syllables (`김`, `남궁`).
    #[serde(default)]
    pub surnames: Vec<String>,
    /// Ranks and job titles said with a name (`경사`, `조사관`).
    #[serde(default)]
    pub titles: Vec<String>,
    /// Copulas and quotatives after a name (`입니다`, `이에요`, `라고`).
    #[serde(default)]
    pub copulas: Vec<String>,
    /// Words that look like a name but are not (`이번`, `정말`).
    #[serde(default)]
    pub not_names: Vec<String>,
    /// Words that show the sentence introduces someone (`저는`, `이름은`); units match at the
    /// end of a word (`교통조사계`).
    #[serde(default)]
    pub context: Vec<String>,
    /// Particles after a title that make it someone else (`경위가`, `팀장님께`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Last syllables of verb stems, never of a name (`주시고요` is not a name).
    #[serde(default)]
    pub stem_ends: Vec<String>,
}

/// One rule of [`ActLexicon`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActRule {
    /// The item, violation or ladder rung (`ladder:request`…) the rule shows or cancels.
    pub target: String,
    /// When true the rule cancels the target in this sentence instead of showing it.
    #[serde(default)]
    pub veto: bool,
    pub all: Vec<String>,
    #[serde(default)]
    pub none: Vec<String>,
}
