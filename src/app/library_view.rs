//! The scenario library: cards with search and filters; files that failed to load are listed
//! with their errors, and the rest still load.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use super::Action;
use super::style::{bold, colors};
use super::widgets::{card, chip_row_ui, chip_ui, primary_button, section_ui};
use crate::library::{Entry, Library, Origin};
use crate::model::Difficulty;

#[derive(Default)]
pub struct LibraryView {
    search: String,
    difficulty: Option<Difficulty>,
    tag: Option<String>,
}

impl LibraryView {
    fn matches(&self, e: &Entry) -> bool {
        let s = &e.scenario;
        if self.difficulty.is_some_and(|d| d != s.difficulty) {
            return false;
        }
        if let Some(tag) = &self.tag
            && !s.tags.contains(tag)
        {
            return false;
        }
        let q: String = self
            .search
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if q.is_empty() {
            return true;
        }
        let hay = format!(
            "{} {} {} {} {} {}",
            s.title,
            s.summary,
            s.id,
            s.persona.role,
            s.setting,
            s.tags.join(" ")
        )
        .to_lowercase();
        q.split(' ').all(|word| hay.contains(word))
    }

    pub fn ui(&mut self, ui: &mut Ui, library: &Library, loading: bool) -> Option<Action> {
        let mut action = None;
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
                    let shown: Vec<&Entry> = library
                        .scenarios
                        .iter()
                        .filter(|e| self.matches(e))
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
                            for e in row {
                                ui.vertical(|ui| {
                                    ui.set_width(card_width);
                                    if scenario_card(ui, e, card_width) {
                                        action = Some(Action::Open(e.scenario.id.clone()));
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

/// One scenario card; true when "시작하기" is pressed.
fn scenario_card(ui: &mut Ui, e: &Entry, width: f32) -> bool {
    let s = &e.scenario;
    let mut open = false;
    card(ui, |ui| {
        ui.set_width(width - 26.0);
        ui.set_min_height(150.0);
        ui.label(RichText::new(&s.title).family(bold()).size(17.0));
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
                chip_ui(ui, t, p.muted);
            }
            if let Origin::Folder(_) = e.origin {
                chip_ui(ui, "폴더", p.accent);
            }
        });
        ui.label(&s.summary);
        ui.add_space(4.0);
        let button = primary_button(ui, "시작하기 ▶");
        // Screen readers (and tests) hear which scenario the button opens.
        button.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{} 시작하기", s.title))
        });
        if button.clicked() {
            open = true;
        }
    });
    open
}
