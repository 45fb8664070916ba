//! Checks of checklists and scenarios beyond what the types enforce: ids that must exist,
//! lines that must be there, numbers in range. Errors make a file unusable; warnings are lint
//! for authors (too few variants, a violation nobody reacts to).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::{Band, Checklist, Condition, EndingKind, Mood, MoodDelta, Rung, Scenario};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found by validation, with a text to look for to place it in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: String,
    /// Text whose first (or `occurrence`-th) appearance in the file marks the place.
    pub needle: Option<String>,
    pub occurrence: usize,
}

impl Finding {
    /// An error placed at the first appearance of `needle`.
    pub fn error(message: impl Into<String>, needle: Option<String>) -> Finding {
        Finding {
            severity: Severity::Error,
            message: message.into(),
            needle,
            occurrence: 0,
        }
    }

    fn warning(message: impl Into<String>, needle: Option<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            message: message.into(),
            needle,
            occurrence: 0,
        }
    }
}

/// The fixed checklist ids other tools read (README, "명령줄").
pub const STANDARD_ITEMS: [&str; 13] = [
    "greeting",
    "self_intro",
    "offer_seat",
    "open_question",
    "acknowledge",
    "paraphrase",
    "empathy",
    "apology",
    "reassurance",
    "explain_procedure",
    "boundary",
    "check_understanding",
    "farewell",
];

pub const STANDARD_VIOLATIONS: [&str; 7] = [
    "profanity",
    "informal_speech",
    "blame",
    "dismissive",
    "passing_buck",
    "false_promise",
    "taking_sides",
];

/// The largest weight or penalty a file may give: far above any sensible value (the pack uses
/// tens), and small enough that no sum of them can overflow.
pub const MAX_POINTS: u32 = 1000;

/// The largest change of anger or trust one effect may make, either way: the whole 0–100 scale.
pub const MAX_EFFECT: i32 = Mood::MAX;

/// Variants per mood band below which authors are warned.
pub const MIN_VARIANTS: usize = 3;

fn quoted(s: &str) -> Option<String> {
    Some(format!("{s:?}"))
}

fn check_id(kind: &str, id: &str, out: &mut Vec<Finding>) {
    if id.trim().is_empty() {
        out.push(Finding::error(
            format!("{kind} id가 비어 있습니다"),
            Some("id:".into()),
        ));
    }
}

fn check_unique<'a>(kind: &str, ids: impl IntoIterator<Item = &'a str>, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            out.push(Finding {
                severity: Severity::Error,
                message: format!("{kind} id \"{id}\"가 두 번 쓰였습니다"),
                needle: quoted(id),
                occurrence: 1,
            });
        }
    }
}

/// Checks a checklist on its own; `ruled` names the items that act rules can credit.
/// Cue patterns are checked by their compiler: `analysis::cue::check_checklist`.
pub fn checklist(c: &Checklist, ruled: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    check_id("체크리스트", &c.id, &mut out);
    if c.items.is_empty() {
        out.push(Finding::error(
            "항목(items)이 하나도 없습니다",
            Some("items".into()),
        ));
    }
    check_unique("항목", c.items.iter().map(|i| i.id.as_str()), &mut out);
    check_unique("위반", c.violations.iter().map(|v| v.id.as_str()), &mut out);
    for item in &c.items {
        check_id("항목", &item.id, &mut out);
        if !STANDARD_ITEMS.contains(&item.id.as_str()) {
            out.push(Finding::warning(
                format!(
                    "\"{}\"는 표준 항목 id가 아닙니다 (다른 도구는 {}만 압니다)",
                    item.id,
                    STANDARD_ITEMS.join(", ")
                ),
                quoted(&item.id),
            ));
        }
        if item.cues.is_empty()
            && item.actions.is_empty()
            && c.ladder_item.as_deref() != Some(&item.id)
            && !ruled.contains(&item.id)
        {
            out.push(Finding::warning(
                format!(
                    "항목 \"{}\"에 단서(cues)도 동작(actions)도 없어 인정될 수 없습니다",
                    item.id
                ),
                quoted(&item.id),
            ));
        }
        if item.model_phrases.is_empty() && item.weight > 0 {
            out.push(Finding::warning(
                format!(
                    "항목 \"{}\"에 모범 문장(model_phrases)이 없어 조언에 보여 줄 문장이 없습니다",
                    item.id
                ),
                quoted(&item.id),
            ));
        }
        check_points(
            &format!("항목 \"{}\"의 weight", item.id),
            item.weight,
            format!("weight: {}", item.weight),
            &mut out,
        );
        check_delta(&format!("항목 \"{}\"의 mood", item.id), item.mood, &mut out);
    }
    for v in &c.violations {
        check_id("위반", &v.id, &mut out);
        if !STANDARD_VIOLATIONS.contains(&v.id.as_str()) {
            out.push(Finding::warning(
                format!("\"{}\"는 표준 위반 id가 아닙니다", v.id),
                quoted(&v.id),
            ));
        }
        check_points(
            &format!("위반 \"{}\"의 penalty", v.id),
            v.penalty,
            format!("penalty: {}", v.penalty),
            &mut out,
        );
        check_delta(&format!("위반 \"{}\"의 mood", v.id), v.mood, &mut out);
    }
    check_unique("단계", c.ladder.iter().map(|s| s.rung.id()), &mut out);
    for s in &c.ladder {
        check_delta(&format!("단계 {:?}의 mood", s.rung), s.mood, &mut out);
    }
    check_delta("idle", c.idle, &mut out);
    check_delta("ladder_fault_mood", c.ladder_fault_mood, &mut out);
    check_points(
        "ladder_penalty",
        c.ladder_penalty,
        format!("ladder_penalty: {}", c.ladder_penalty),
        &mut out,
    );
    for (kind, &v) in &c.outcome_penalty {
        check_points(
            &format!("outcome_penalty \"{kind}\""),
            v,
            format!("{kind:?}: {v}"),
            &mut out,
        );
    }
    if let Some(id) = &c.ladder_item
        && c.item(id).is_none()
    {
        out.push(Finding::error(
            format!("ladder_item \"{id}\"는 이 체크리스트의 항목이 아닙니다"),
            quoted(id),
        ));
    }
    out
}

/// A mood effect: anger and trust each within −100..=100.
fn check_delta(what: &str, d: MoodDelta, out: &mut Vec<Finding>) {
    for (name, v) in [("anger", d.anger), ("trust", d.trust)] {
        if !(-MAX_EFFECT..=MAX_EFFECT).contains(&v) {
            out.push(Finding::error(
                format!(
                    "{what}의 {name} 값 {v}는 -{MAX_EFFECT}에서 {MAX_EFFECT} 사이여야 합니다 (기분은 0~100이라 그보다 큰 변화는 뜻이 없습니다)"
                ),
                Some(format!("{name}: {v}")),
            ));
        }
    }
}

/// A weight or penalty: at most [`MAX_POINTS`]; `needle` marks the value in the file.
fn check_points(what: &str, v: u32, needle: String, out: &mut Vec<Finding>) {
    if v > MAX_POINTS {
        out.push(Finding::error(
            format!("{what} 값 {v}는 0에서 {MAX_POINTS} 사이여야 합니다"),
            Some(needle),
        ));
    }
}

/// A percentage or a cap on the 0–100 scale.
fn check_percent(what: &str, v: i64, needle: &str, out: &mut Vec<Finding>) {
    if !(0..=100).contains(&v) {
        out.push(Finding::error(
            format!("{what} {v}는 0에서 100 사이여야 합니다"),
            Some(needle.to_owned()),
        ));
    }
}

fn check_mood(what: &str, m: Mood, out: &mut Vec<Finding>) {
    for (name, v) in [("anger", m.anger), ("trust", m.trust)] {
        if !(0..=Mood::MAX).contains(&v) {
            out.push(Finding::error(
                format!("{what}의 {name} 값 {v}는 0에서 100 사이여야 합니다"),
                Some(format!("{name}: {v}")),
            ));
        }
    }
}

struct Names<'a> {
    checklist: Option<&'a Checklist>,
    stages: BTreeSet<&'a str>,
    facts: BTreeSet<&'a str>,
}

impl Names<'_> {
    fn event_ok(&self, id: &str) -> bool {
        match self.checklist {
            Some(c) => c.knows_event(id),
            None => true,
        }
    }

    fn item_ok(&self, id: &str) -> bool {
        match self.checklist {
            Some(c) => c.item(id).is_some() || Rung::from_id(id).is_some(),
            None => true,
        }
    }

    fn known_events(&self) -> String {
        match self.checklist {
            Some(c) => c
                .items
                .iter()
                .map(|i| i.id.as_str())
                .chain(c.violations.iter().map(|v| v.id.as_str()))
                .chain(Rung::ALL.iter().map(|r| r.id()))
                .chain(std::iter::once(super::checklist::LADDER_FAULT))
                .collect::<Vec<_>>()
                .join(", "),
            None => String::new(),
        }
    }

    /// An id of `after`: an action, a fact, an item or a rung.
    fn after_ok(&self, id: &str) -> bool {
        crate::model::Action::from_id(id).is_some() || self.facts.contains(id) || self.item_ok(id)
    }

    fn after(&self, what: &str, after: &[String], out: &mut Vec<Finding>) {
        for id in after {
            if !self.after_ok(id) {
                out.push(Finding::error(
                    format!("{what}: after의 \"{id}\"는 행동·사실·항목 id가 아닙니다"),
                    quoted(id),
                ));
            }
        }
    }

    /// A key of `stuck`: an item, rung or fact id, `anger`, `trust` or `any`.
    fn stuck(&self, what: &str, stuck: &BTreeMap<String, Vec<String>>, out: &mut Vec<Finding>) {
        for (key, lines) in stuck {
            let ok = matches!(key.as_str(), "anger" | "trust" | "any")
                || self.facts.contains(key.as_str())
                || self.item_ok(key);
            if !ok {
                out.push(Finding::error(
                    format!(
                        "{what}: stuck의 \"{key}\"는 항목·사실 id나 anger, trust, any가 아닙니다"
                    ),
                    quoted(key),
                ));
            }
            check_lines(&format!("{what}: stuck \"{key}\""), lines, out, quoted(key));
        }
    }

    fn condition(&self, what: &str, c: &Condition, out: &mut Vec<Finding>) {
        for id in &c.needs {
            if !self.item_ok(id) {
                out.push(Finding::error(
                    format!("{what}: needs의 \"{id}\"는 체크리스트에 없는 항목입니다"),
                    quoted(id),
                ));
            }
        }
        for id in &c.facts {
            if !self.facts.contains(id.as_str()) {
                out.push(Finding::error(
                    format!("{what}: 없는 사실(fact) \"{id}\"를 가리킵니다"),
                    quoted(id),
                ));
            }
        }
        if let Some(id) = &c.stage
            && !self.stages.contains(id.as_str())
        {
            out.push(Finding::error(
                format!("{what}: 없는 단계(stage) \"{id}\"를 가리킵니다"),
                quoted(id),
            ));
        }
        if let Some(id) = &c.on
            && !self.event_ok(id)
        {
            out.push(Finding::error(
                format!(
                    "{what}: on의 \"{id}\"는 알 수 없는 항목·위반입니다 (가능한 값: {})",
                    self.known_events()
                ),
                quoted(id),
            ));
        }
        for (name, v) in [
            ("max_anger", c.max_anger),
            ("min_anger", c.min_anger),
            ("min_trust", c.min_trust),
        ] {
            if let Some(v) = v
                && !(0..=Mood::MAX).contains(&v)
            {
                out.push(Finding::error(
                    format!("{what}: {name} 값 {v}는 0에서 100 사이여야 합니다"),
                    Some(format!("{name}: Some({v})")),
                ));
            }
        }
    }
}

fn check_lines(what: &str, lines: &[String], out: &mut Vec<Finding>, needle: Option<String>) {
    if lines.iter().all(|l| l.trim().is_empty()) {
        out.push(Finding::error(
            format!("{what}: 대사가 하나도 없습니다"),
            needle,
        ));
    }
}

fn warn_duplicates(what: &str, lines: &[String], out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for l in lines {
        if !seen.insert(l.trim()) {
            out.push(Finding {
                severity: Severity::Warning,
                message: format!("{what}: 같은 대사가 두 번 있습니다"),
                needle: quoted(l),
                occurrence: 1,
            });
        }
    }
}

/// Checks a scenario; with its checklist, also the ids it refers to.
pub fn scenario(s: &Scenario, checklist: Option<&Checklist>) -> Vec<Finding> {
    let mut out = Vec::new();
    if s.id.is_empty()
        || !s
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        out.push(Finding::error(
            format!("시나리오 id \"{}\"는 영문 소문자, 숫자, '-'만 쓸 수 있습니다 (예: hit-and-run-swearing)", s.id),
            quoted(&s.id),
        ));
    }
    for (name, v) in [
        ("title", &s.title),
        ("summary", &s.summary),
        ("setting", &s.setting),
    ] {
        if v.trim().is_empty() {
            out.push(Finding::error(
                format!("{name}가 비어 있습니다"),
                Some(format!("{name}:")),
            ));
        }
    }
    check_mood("처음 기분(mood)", s.mood, &mut out);
    if s.max_turns == 0 || s.max_turns > 200 {
        out.push(Finding::error(
            format!("max_turns {}는 1에서 200 사이여야 합니다", s.max_turns),
            Some("max_turns".into()),
        ));
    }
    if s.stages.is_empty() {
        out.push(Finding::error(
            "단계(stages)가 하나도 없습니다",
            Some("stages".into()),
        ));
    }
    check_unique("단계", s.stages.iter().map(|st| st.id.as_str()), &mut out);
    check_unique("사실", s.facts.iter().map(|f| f.id.as_str()), &mut out);
    let names = Names {
        checklist,
        stages: s.stages.iter().map(|st| st.id.as_str()).collect(),
        facts: s.facts.iter().map(|f| f.id.as_str()).collect(),
    };
    if let Some(c) = checklist {
        for id in s.weights.keys() {
            if c.item(id).is_none() {
                out.push(Finding::error(
                    format!(
                        "weights의 \"{id}\"는 체크리스트 \"{}\"에 없는 항목입니다",
                        c.id
                    ),
                    quoted(id),
                ));
            }
        }
        for id in s
            .cues
            .keys()
            .chain(s.effects.keys())
            .chain(s.phrases.keys())
        {
            if !c.knows_event(id) {
                out.push(Finding::error(
                    format!(
                        "\"{id}\"는 체크리스트 \"{}\"에 없는 항목·위반입니다 (가능한 값: {})",
                        c.id,
                        names.known_events()
                    ),
                    quoted(id),
                ));
            }
        }
    }
    for (id, phrases) in &s.phrases {
        if phrases.iter().all(|p| p.trim().is_empty()) {
            out.push(Finding::error(
                format!("phrases의 \"{id}\"에 문장이 없습니다"),
                quoted(id),
            ));
        }
    }
    for (id, &w) in &s.weights {
        check_points(
            &format!("weights의 \"{id}\""),
            w,
            format!("{id:?}: {w}"),
            &mut out,
        );
    }
    for (id, &d) in &s.effects {
        check_delta(&format!("effects의 \"{id}\""), d, &mut out);
    }
    warn_duplicates("opening", &s.opening, &mut out);
    for st in &s.stages {
        check_id("단계", &st.id, &mut out);
        for band in Band::ALL {
            let lines = st.lines.get(band);
            check_lines(
                &format!("단계 \"{}\"의 {:?} 대사", st.id, band),
                lines,
                &mut out,
                quoted(&st.id),
            );
            warn_duplicates(
                &format!("단계 \"{}\"의 {:?} 대사", st.id, band),
                lines,
                &mut out,
            );
        }
        names.condition(&format!("단계 \"{}\"의 exit", st.id), &st.exit, &mut out);
        names.stuck(&format!("단계 \"{}\"", st.id), &st.stuck, &mut out);
        for x in &st.extra {
            names.after(&format!("단계 \"{}\"의 extra", st.id), &x.after, &mut out);
            check_lines(
                &format!("단계 \"{}\"의 extra", st.id),
                &x.lines,
                &mut out,
                quoted(&st.id),
            );
        }
    }
    names.stuck("시나리오", &s.stuck, &mut out);
    let p = &s.patience;
    if !(1..=Mood::MAX).contains(&p.walk_out_anger) {
        out.push(Finding::error(
            format!(
                "patience.walk_out_anger {}는 1에서 100 사이여야 합니다",
                p.walk_out_anger
            ),
            Some("walk_out_anger".into()),
        ));
    }
    if !(0..=100).contains(&p.first_fault_percent) {
        out.push(Finding::error(
            format!(
                "patience.first_fault_percent {}는 0에서 100 사이여야 합니다",
                p.first_fault_percent
            ),
            Some("first_fault_percent".into()),
        ));
    }
    for (name, v) in [
        ("resolve_margin", p.resolve_margin),
        ("partial_drop", p.partial_drop),
    ] {
        check_percent(&format!("patience.{name}"), v.into(), name, &mut out);
    }
    check_delta("patience.question", p.question, &mut out);
    let t = &s.scoring;
    for (name, v) in [
        ("depth_percent", t.depth_percent),
        ("penalty_base_percent", t.penalty_base_percent),
        ("walked_out_cap", t.walked_out_cap),
        ("partial_cap", t.partial_cap),
    ] {
        check_percent(&format!("scoring.{name}"), v.into(), name, &mut out);
    }
    for (name, v) in [
        ("facts_weight", t.facts_weight),
        ("stages_weight", t.stages_weight),
        ("empathy_first_weight", t.empathy_first_weight),
        ("mood_weight", t.mood_weight),
    ] {
        check_points(
            &format!("scoring.{name}"),
            v,
            format!("{name}: {v}"),
            &mut out,
        );
    }
    if let Some(c) = checklist {
        for id in &p.abusive {
            if c.violation(id).is_none() {
                out.push(Finding::error(
                    format!("patience.abusive의 \"{id}\"는 체크리스트에 없는 위반입니다"),
                    quoted(id),
                ));
            }
        }
    }
    for t in &s.triggers {
        if !names.event_ok(&t.on) {
            out.push(Finding::error(
                format!(
                    "trigger의 on \"{}\"는 알 수 없는 항목·위반입니다 (가능한 값: {})",
                    t.on,
                    names.known_events()
                ),
                quoted(&t.on),
            ));
        }
        for st in &t.stages {
            if !names.stages.contains(st.as_str()) {
                out.push(Finding::error(
                    format!("trigger \"{}\"가 없는 단계 \"{st}\"를 가리킵니다", t.on),
                    quoted(st),
                ));
            }
        }
        check_lines(
            &format!("trigger \"{}\"", t.on),
            &t.lines,
            &mut out,
            quoted(&t.on),
        );
        warn_duplicates(&format!("trigger \"{}\"", t.on), &t.lines, &mut out);
        names.after(&format!("trigger \"{}\"", t.on), &t.after, &mut out);
    }
    if let Some(r) = &s.request {
        if s.checklist != "outreach" {
            out.push(Finding::warning(
                "주민 요청(request)은 일일열사(outreach) 시나리오에서만 쓰입니다".to_string(),
                Some("request".into()),
            ));
        }
        if r.place_keys.iter().all(|k| k.trim().is_empty())
            || r.content_keys.iter().all(|k| k.trim().is_empty())
        {
            out.push(Finding::error(
                "주민 요청(request)의 place_keys와 content_keys에는 단어가 하나 이상 있어야 합니다"
                    .to_string(),
                Some("request".into()),
            ));
        }
        for id in &r.facts {
            if !s.facts.iter().any(|f| &f.id == id) {
                out.push(Finding::error(
                    format!("주민 요청(request)의 사실 \"{id}\"이 facts에 없습니다"),
                    quoted(id),
                ));
            }
        }
    }
    for f in &s.facts {
        check_id("사실", &f.id, &mut out);
        if f.asks.is_empty() {
            out.push(Finding::error(
                format!("사실 \"{}\"에 끌어낼 질문(asks)이 없습니다", f.id),
                quoted(&f.id),
            ));
        }
        check_lines(
            &format!("사실 \"{}\"", f.id),
            &f.lines,
            &mut out,
            quoted(&f.id),
        );
        if !(0..=Mood::MAX).contains(&f.min_trust) {
            out.push(Finding::error(
                format!("사실 \"{}\"의 min_trust는 0에서 100 사이여야 합니다", f.id),
                quoted(&f.id),
            ));
        }
    }
    for kind in EndingKind::REQUIRED {
        if s.ending(kind).next().is_none() {
            out.push(Finding::error(
                format!("{} 결말(endings의 kind: {kind:?})이 없습니다", kind.label()),
                Some("endings".into()),
            ));
        }
    }
    for e in &s.endings {
        check_lines(
            &format!("결말 \"{}\"", e.id),
            &e.lines,
            &mut out,
            quoted(&e.id),
        );
        names.condition(&format!("결말 \"{}\"", e.id), &e.when, &mut out);
    }
    out
}

/// Authoring advice for a scenario that is valid: the bar the built-in pack keeps (tests/pack.rs).
pub fn lint_scenario(s: &Scenario, checklist: Option<&Checklist>) -> Vec<Finding> {
    let mut out = Vec::new();
    if s.stages.len() < 3 {
        out.push(Finding::warning(
            format!("단계가 {}개뿐입니다 (3개 이상 권장)", s.stages.len()),
            Some("stages".into()),
        ));
    }
    for st in &s.stages {
        for band in Band::ALL {
            let n = st.lines.get(band).len();
            if (1..MIN_VARIANTS).contains(&n) {
                out.push(Finding::warning(
                    format!(
                        "단계 \"{}\"의 {:?} 대사가 {n}개뿐입니다 ({MIN_VARIANTS}개 이상 권장)",
                        st.id, band
                    ),
                    quoted(&st.id),
                ));
            }
        }
    }
    if s.ending(EndingKind::Partial).next().is_none() {
        out.push(Finding::warning(
            "불완전 해결 결말(kind: Partial)이 없습니다: 상담 종료 대사를 빌려 씁니다",
            Some("endings".into()),
        ));
    }
    if s.stuck.is_empty() && s.stages.iter().all(|st| st.stuck.is_empty()) {
        out.push(Finding::warning(
            "stuck 대사가 없습니다: 단계가 멈추면 무엇이 부족한지 말하는 대사를 권장합니다",
            Some("stages".into()),
        ));
    }
    if s.facts.len() < 3 {
        out.push(Finding::warning(
            format!("사실(facts)이 {}개뿐입니다 (3개 이상 권장)", s.facts.len()),
            Some("facts".into()),
        ));
    }
    if let Some(c) = checklist {
        for v in &c.violations {
            if !s.triggers.iter().any(|t| t.on == v.id) {
                out.push(Finding::warning(
                    format!("위반 \"{}\"에 반응하는 trigger가 없습니다", v.id),
                    Some("triggers".into()),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BandLines, Difficulty, Ending, Persona, Stage, Trigger};

    fn lines(prefix: &str) -> Vec<String> {
        (1..=3).map(|i| format!("{prefix} {i}")).collect()
    }

    fn minimal() -> Scenario {
        Scenario {
            id: "test-case".into(),
            title: "시험".into(),
            summary: "요약".into(),
            difficulty: Difficulty::Easy,
            tags: vec![],
            checklist: "default".into(),
            channel: Default::default(),
            setting: "민원실".into(),
            persona: Persona {
                name: "김○○".into(),
                age: None,
                role: "민원인".into(),
                description: "화가 났다".into(),
                wants: String::new(),
            },
            goals: vec![],
            mood: Mood {
                anger: 50,
                trust: 30,
            },
            max_turns: 10,
            weights: Default::default(),
            effects: Default::default(),
            cues: Default::default(),
            opening: vec![],
            stages: vec![Stage {
                id: "open".into(),
                title: "시작".into(),
                goal: String::new(),
                lines: BandLines {
                    furious: lines("격앙"),
                    upset: lines("흥분"),
                    guarded: lines("경계"),
                    calm: lines("진정"),
                },
                abusive: vec![],
                danger: vec![],
                exit: Condition::default(),
                stuck: Default::default(),
                extra: vec![],
            }],
            triggers: vec![],
            facts: vec![],
            endings: EndingKind::ALL
                .iter()
                .map(|&kind| Ending {
                    id: kind.id().into(),
                    kind,
                    when: Condition::default(),
                    lines: vec!["끝".into()],
                    summary: String::new(),
                })
                .collect(),
            stuck: Default::default(),
            patience: Default::default(),
            scoring: Default::default(),
            request: None,
            phrases: Default::default(),
        }
    }

    fn errors(f: &[Finding]) -> Vec<&str> {
        f.iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message.as_str())
            .collect()
    }

    #[test]
    fn minimal_scenario_has_no_errors() {
        assert!(errors(&scenario(&minimal(), None)).is_empty());
    }

    #[test]
    fn bad_id_and_mood_are_errors() {
        let mut s = minimal();
        s.id = "Hit And Run".into();
        s.mood.anger = 130;
        let e = errors(&scenario(&s, None)).join("\n");
        assert!(e.contains("영문 소문자"), "{e}");
        assert!(e.contains("130"), "{e}");
    }

    #[test]
    fn missing_band_lines_and_endings_are_errors() {
        let mut s = minimal();
        s.stages[0].lines.calm.clear();
        s.endings.retain(|e| e.kind != EndingKind::WalkedOut);
        let e = errors(&scenario(&s, None)).join("\n");
        assert!(e.contains("Calm 대사: 대사가 하나도 없습니다"), "{e}");
        assert!(e.contains("WalkedOut"), "{e}");
    }

    #[test]
    fn references_to_missing_things_are_errors() {
        let mut s = minimal();
        s.stages[0].exit.facts.push("nope".into());
        s.triggers.push(Trigger {
            on: "blame".into(),
            stages: vec!["nowhere".into()],
            once: false,
            after: vec!["no_such_action".into()],
            danger: false,
            lines: vec!["왜요".into()],
        });
        s.stages[0]
            .stuck
            .insert("mystery".into(), vec!["뭐가 빠졌죠".into()]);
        let lib = crate::library::Library::builtin();
        let e = errors(&scenario(&s, lib.checklist("default").map(|c| &**c))).join("\n");
        assert!(e.contains("\"nope\""), "{e}");
        assert!(e.contains("\"nowhere\""), "{e}");
        assert!(e.contains("\"no_such_action\""), "{e}");
        assert!(e.contains("\"mystery\""), "{e}");
    }

    #[test]
    fn a_scenario_without_a_partial_ending_is_valid_but_linted() {
        let mut s = minimal();
        s.endings.retain(|e| e.kind != EndingKind::Partial);
        assert!(errors(&scenario(&s, None)).is_empty());
        let lint: Vec<String> = lint_scenario(&s, None)
            .iter()
            .map(|f| f.message.clone())
            .collect();
        assert!(lint.iter().any(|m| m.contains("Partial")), "{lint:?}");
    }

    #[test]
    fn duplicate_variants_are_warned_at_the_second_copy() {
        let mut s = minimal();
        s.stages[0].lines.calm = vec!["네.".into(), "네.".into(), "그래요.".into()];
        let f = scenario(&s, None);
        let dup = f
            .iter()
            .find(|f| f.message.contains("같은 대사"))
            .expect("warned");
        assert_eq!(dup.severity, Severity::Warning);
        assert_eq!(dup.occurrence, 1);
    }

    #[test]
    fn absurd_effects_weights_and_tuning_are_errors_at_their_value() {
        let mut s = minimal();
        s.effects.insert(
            "empathy".into(),
            MoodDelta {
                anger: -2147483648,
                trust: 101,
            },
        );
        s.weights.insert("greeting".into(), 4294967295);
        s.patience.resolve_margin = 2147483647;
        s.patience.question.trust = -500;
        s.scoring.walked_out_cap = 300;
        s.scoring.mood_weight = 1001;
        let f = scenario(&s, None);
        let find = |said: &str| {
            f.iter()
                .find(|f| f.message.contains(said))
                .unwrap_or_else(|| panic!("{said} not in {f:?}"))
        };
        let e = find("effects의 \"empathy\"의 anger 값 -2147483648는 -100에서 100 사이여야 합니다");
        assert_eq!(e.severity, Severity::Error);
        assert_eq!(e.needle.as_deref(), Some("anger: -2147483648"));
        let e = find("effects의 \"empathy\"의 trust 값 101");
        assert_eq!(e.needle.as_deref(), Some("trust: 101"));
        let e = find("weights의 \"greeting\" 값 4294967295는 0에서 1000 사이여야 합니다");
        assert_eq!(e.needle.as_deref(), Some("\"greeting\": 4294967295"));
        find("patience.resolve_margin 2147483647는 0에서 100 사이여야 합니다");
        find("patience.question의 trust 값 -500");
        find("scoring.walked_out_cap 300는 0에서 100 사이여야 합니다");
        let e = find("scoring.mood_weight 값 1001는 0에서 1000 사이여야 합니다");
        assert_eq!(e.needle.as_deref(), Some("mood_weight: 1001"));
        // The bounds themselves are allowed.
        let mut s = minimal();
        s.effects.insert(
            "empathy".into(),
            MoodDelta {
                anger: -100,
                trust: 100,
            },
        );
        s.weights.insert("greeting".into(), MAX_POINTS);
        assert!(errors(&scenario(&s, None)).is_empty());
    }

    #[test]
    fn absurd_checklist_numbers_are_errors() {
        let lib = crate::library::Library::builtin();
        let mut c = (**lib.checklist("default").expect("default checklist")).clone();
        assert!(errors(&checklist(&c, &[])).is_empty());
        c.items[0].weight = 4294967295;
        c.items[1].mood.anger = 2147483647;
        c.violations[0].penalty = 5000;
        c.ladder_penalty = 1001;
        c.idle.trust = -101;
        c.outcome_penalty.insert("walked_out".into(), 99999);
        let e = errors(&checklist(&c, &[])).join("\n");
        let item = &c.items[0].id;
        let violation = &c.violations[0].id;
        for said in [
            format!("항목 \"{item}\"의 weight 값 4294967295는 0에서 1000 사이여야 합니다"),
            format!("항목 \"{}\"의 mood의 anger 값 2147483647", c.items[1].id),
            format!("위반 \"{violation}\"의 penalty 값 5000"),
            "ladder_penalty 값 1001".to_owned(),
            "idle의 trust 값 -101".to_owned(),
            "outcome_penalty \"walked_out\" 값 99999".to_owned(),
        ] {
            assert!(e.contains(&said), "{said} not in\n{e}");
        }
    }

    #[test]
    fn lint_wants_three_stages_and_facts() {
        let f = lint_scenario(&minimal(), None);
        assert!(f.iter().any(|f| f.message.contains("단계가 1개뿐")));
        assert!(f.iter().any(|f| f.message.contains("사실(facts)이 0개뿐")));
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
    }

    #[test]
    fn a_request_names_facts_that_exist_and_has_words_to_check() {
        let mut s = minimal();
        s.checklist = "outreach".into();
        s.request = Some(crate::model::ResidentRequest {
            kind: crate::model::RequestKind::Patrol,
            place: "골목".into(),
            place_keys: vec!["골목".into()],
            time: crate::model::TimeBand::Night,
            content: "순찰을 늘려 주세요".into(),
            content_keys: vec![" ".into()],
            contact: true,
            facts: vec!["nope".into()],
        });
        let f = scenario(&s, None);
        let e = errors(&f);
        assert!(e.iter().any(|m| m.contains("\"nope\"")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("content_keys")), "{e:?}");
    }
}
