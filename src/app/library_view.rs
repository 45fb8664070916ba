//! The scenario library: cards with search and filters; files that failed to load are listed
//! with their errors, and the rest still load.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::Action;
use super::style::{bold, colors};
use super::widgets::{card, chip_button, chip_row_ui, chip_ui, primary_button, section_ui};
use crate::library::{Entry, Library, Origin};
use crate::model::Difficulty;

#[derive(Default)]
pub struct LibraryView {
    search: String,
    difficulty: Option<Difficulty>,
    tag: Option<String>,
}

impl LibraryView {
    /// Whether the scenario passes the filters and the search; with a reason when the words
    /// were found only where the card does not show them (the setting, the persona's role).
    fn matches(&self, e: &Entry) -> Option<Option<String>> {
        let s = &e.scenario;
        if self.difficulty.is_some_and(|d| d != s.difficulty) {
            return None;
        }
        if let Some(tag) = &self.tag
            && !s.tags.contains(tag)
        {
            return None;
        }
        let words: Vec<String> = self
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Some(None);
        }
        let shown = format!("{} {} {}", s.title, s.summary, s.tags.join(" ")).to_lowercase();
        let hidden = [
            ("상황", s.setting.as_str()),
            ("민원인", s.persona.role.as_str()),
            ("민원인", s.persona.description.as_str()),
            ("id", s.id.as_str()),
        ];
        let mut reasons = Vec::new();
        for w in &words {
            if shown.contains(w.as_str()) {
                continue;
            }
            let (place, text) = hidden
                .iter()
                .find(|(_, text)| text.to_lowercase().contains(w.as_str()))?;
            reasons.push(format!("'{w}' — {place}: {}", snippet(text, w)));
        }
        Some((!reasons.is_empty()).then(|| reasons.join(" · ")))
    }

    fn filtered(&self) -> bool {
        !self.search.trim().is_empty() || self.difficulty.is_some() || self.tag.is_some()
    }

    fn reset(&mut self) {
        *self = LibraryView::default();
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        library: &Library,
        loading: bool,
        instructor: bool,
    ) -> Option<Action> {
        let mut action = None;
        if self.filtered()
            && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.reset();
        }
        let tags: BTreeSet<&str> = library
            .scenarios
            .iter()
            .flat_map(|e| e.scenario.tags.iter().map(String::as_str))
            .collect();
        egui::Panel::top("library-filters").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("검색");
                ui.add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("제목, 상황, 태그")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
                ui.separator();
                ui.label("난이도");
                ui.selectable_value(&mut self.difficulty, None, "전체");
                for d in Difficulty::ALL {
                    ui.selectable_value(&mut self.difficulty, Some(d), d.label());
                }
                ui.separator();
                egui::ComboBox::from_label("태그")
                    .selected_text(self.tag.as_deref().unwrap_or("전체"))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.tag, None, "전체");
                        for t in &tags {
                            ui.selectable_value(&mut self.tag, Some((*t).to_owned()), *t);
                        }
                    });
                ui.separator();
                if ui
                    .button("일일열사 하루 시작")
                    .on_hover_text(super::briefing::OUTREACH_NOTE)
                    .clicked()
                {
                    action = Some(Action::StartDay);
                }
                if instructor {
                    ui.separator();
                    ui.menu_button("새 시나리오", |ui| {
                        ui.label(
                            RichText::new(
                                "어떤 민원인으로 시작할까요? (서식은 처음부터 검사를 통과합니다)",
                            )
                            .small()
                            .color(colors(ui).muted),
                        );
                        for t in crate::authoring::templates::templates() {
                            if ui.button(t.title).clicked() {
                                action = Some(Action::NewScenario(t.name.to_owned()));
                                ui.close();
                            }
                        }
                    });
                }
                if self.filtered() && ui.button("필터 초기화").on_hover_text("Esc").clicked() {
                    self.reset();
                }
                if loading {
                    ui.spinner();
                }
            });
            ui.add_space(4.0);
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("library-scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let shown: Vec<(&Entry, Option<String>)> = library
                        .scenarios
                        .iter()
                        .filter_map(|e| self.matches(e).map(|why| (e, why)))
                        .collect();
                    ui.label(
                        RichText::new(format!(
                            "시나리오 {}개 중 {}개",
                            library.scenarios.len(),
                            shown.len()
                        ))
                        .color(colors(ui).muted),
                    );
                    if shown.is_empty() {
                        ui.add_space(20.0);
                        ui.label("조건에 맞는 시나리오가 없습니다. 검색어나 필터를 바꿔 보십시오.");
                    }
                    let width = ui.available_width();
                    let columns = ((width / 380.0).floor() as usize).clamp(1, 3);
                    let gap = ui.spacing().item_spacing.x;
                    let card_width = (width - gap * (columns as f32 - 1.0)) / columns as f32;
                    for row in shown.chunks(columns) {
                        ui.horizontal_top(|ui| {
                            for (e, why) in row {
                                ui.vertical(|ui| {
                                    ui.set_width(card_width);
                                    let click = scenario_card(
                                        ui,
                                        e,
                                        why.as_deref(),
                                        card_width,
                                        instructor,
                                    );
                                    let id = e.scenario.id.clone();
                                    match click {
                                        Some(CardClick::Open) => action = Some(Action::Open(id)),
                                        Some(CardClick::Edit) => {
                                            action = Some(Action::EditScenario(id));
                                        }
                                        Some(CardClick::Duplicate) => {
                                            action = Some(Action::DuplicateScenario(id));
                                        }
                                        Some(CardClick::Tag(t)) => self.tag = Some(t),
                                        None => {}
                                    }
                                });
                            }
                        });
                        ui.add_space(gap);
                    }
                    if !library.failures.is_empty() {
                        ui.add_space(12.0);
                        let bad = colors(ui).bad;
                        section_ui(
                            ui,
                            &format!("불러오지 못한 파일 {}개", library.failures.len()),
                        );
                        for f in &library.failures {
                            card(ui, |ui| {
                                ui.set_width(ui.available_width());
                                ui.label(RichText::new(&f.path).family(bold()).color(bad));
                                for p in &f.problems {
                                    ui.label(
                                        RichText::new(format!(
                                            "{}:{} {}",
                                            p.line, p.col, p.message
                                        ))
                                        .small(),
                                    );
                                }
                            });
                        }
                    }
                });
        });
        action
    }
}

/// What was clicked on a card.
enum CardClick {
    Open,
    /// 교관 모드: open in the studio.
    Edit,
    /// 교관 모드: a copy with a new id in the studio.
    Duplicate,
    Tag(String),
}

/// One scenario card: "시작하기" opens it, a tag filters by it.
fn scenario_card(
    ui: &mut Ui,
    e: &Entry,
    why: Option<&str>,
    width: f32,
    instructor: bool,
) -> Option<CardClick> {
    let s = &e.scenario;
    let mut click = None;
    card(ui, |ui| {
        ui.set_width(width - 26.0);
        ui.set_min_height(150.0);
        ui.label(
            RichText::new(&s.title)
                .family(bold())
                .size(super::style::rel(ui, 1.1)),
        );
        chip_row_ui(ui, |ui| {
            let p = colors(ui);
            let color = match s.difficulty {
                Difficulty::Easy => p.good,
                Difficulty::Normal => p.warn,
                Difficulty::Hard => p.bad,
            };
            chip_ui(ui, s.difficulty.label(), color);
            chip_ui(ui, s.channel.label(), p.muted);
            for t in &s.tags {
                let mut chip = chip_button(ui, t, p.muted);
                chip = if t == "일일열사" {
                    chip.on_hover_text(super::briefing::OUTREACH_NOTE)
                } else {
                    chip.on_hover_text("이 태그의 시나리오만 보기")
                };
                if chip.clicked() {
                    click = Some(CardClick::Tag(t.clone()));
                }
            }
            if let Origin::Folder(_) = e.origin {
                chip_ui(ui, "폴더", p.accent);
            }
        });
        ui.label(&s.summary);
        if let Some(why) = why {
            ui.label(
                RichText::new(format!("검색: {why}"))
                    .small()
                    .color(colors(ui).accent),
            );
        }
        ui.add_space(4.0);
        let button = primary_button(ui, "시작하기 ▶");
        // Screen readers (and tests) hear which scenario the button opens.
        button.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} 시작하기", s.title))
        });
        if button.clicked() {
            click = Some(CardClick::Open);
        }
        if instructor {
            ui.horizontal(|ui| {
                let edit = ui.button("편집").on_hover_text(match e.origin {
                    Origin::Builtin => "내장 시나리오는 교관 폴더에 사본을 만들어 엽니다",
                    Origin::Folder(_) => "이 파일을 스튜디오에서 엽니다",
                });
                edit.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} 편집", s.title))
                });
                if edit.clicked() {
                    click = Some(CardClick::Edit);
                }
                let dup = ui
                    .button("복제")
                    .on_hover_text("새 id로 사본을 만들어 엽니다");
                dup.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} 복제", s.title))
                });
                if dup.clicked() {
                    click = Some(CardClick::Duplicate);
                }
            });
        }
    });
    click
}

/// A few words around the first place `word` (lower case) occurs in `text`.
fn snippet(text: &str, word: &str) -> String {
    let lower = text.to_lowercase();
    let Some(at) = lower.find(word) else {
        return String::new();
    };
    // Lower-casing Hangul and ASCII keeps byte offsets; stay on char boundaries regardless.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let i = chars.iter().position(|(b, _)| *b >= at).unwrap_or(0);
    let from = i.saturating_sub(12);
    let to = (i + word.chars().count() + 12).min(chars.len());
    let mut out: String = chars[from..to].iter().map(|(_, c)| c).collect();
    if from > 0 {
        out.insert(0, '…');
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_snippet_shows_the_words_around_the_match() {
        let s = super::snippet(
            "평일 오후 3시, 구로구 ○○동 다세대 주택가 골목에서 만납니다",
            "다세대",
        );
        assert!(s.contains("다세대 주택가"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(super::snippet("abc", "z"), "");
    }
}
