//! `minwon --screenshot DIR`: plays a scripted demo session through the real window, saves one
//! PNG per main screen and closes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Action, MinwonApp, Mode, Screen};
use crate::model::TraineeTurn;

/// The demo: the built-in suspect who swears, answered well.
const SCENARIO: &str = "hit-and-run-swearing";
const DEMO: &[&str] = &[
    "[bow] [offer_seat] 안녕하십니까, 교통조사계 김민수 조사관입니다. 이쪽으로 앉으십시오.",
    "선생님, 많이 화가 나셨겠습니다. 다만 그렇게 말씀하시면 정상적인 응대가 어렵습니다. 욕설은 삼가 주십시오.",
    "네, 그러셨군요. 바쁘신 와중에 불려 오셔서 억울하실 수 있습니다. 그날 어떻게 된 일인지 처음부터 말씀해 주시겠습니까?",
    "배송 시간에 쫓기셔서 그냥 가셨다는 말씀이시죠? 그때 차에 뭔가 닿은 느낌은 있으셨습니까?",
];

/// Steps of the script; each waits a few frames for the screen to settle, then shoots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Library,
    Briefing,
    Roleplay,
    Scorecard,
    Done,
}

pub struct Script {
    dir: PathBuf,
    step: Step,
    frames: u32,
    requested: bool,
    saved: Arc<AtomicUsize>,
    shots: usize,
    ctx: egui::Context,
}

/// Frames to wait on a screen before the shot: layout settles in two, a scroll animation in ~20.
const SETTLE: u32 = 30;

impl Script {
    pub fn new(dir: PathBuf, ctx: egui::Context) -> Script {
        Script {
            dir,
            step: Step::Library,
            frames: 0,
            requested: false,
            saved: Arc::new(AtomicUsize::new(0)),
            shots: 0,
            ctx,
        }
    }

    fn shoot(&mut self, name: &str) {
        let path = self.dir.join(format!("{name}.png"));
        let saved = self.saved.clone();
        let ctx = self.ctx.clone();
        self.ctx.request_screenshot(move |image| {
            let [w, h] = image.size;
            let bytes: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
            match image::RgbaImage::from_raw(w as u32, h as u32, bytes) {
                Some(img) => match img.save(&path) {
                    Ok(()) => eprintln!("minwon: {}", path.display()),
                    Err(e) => eprintln!("minwon: {}을(를) 저장할 수 없습니다: {e}", path.display()),
                },
                None => eprintln!("minwon: 스크린샷 크기가 맞지 않습니다"),
            }
            saved.fetch_add(1, Ordering::SeqCst);
            ctx.request_repaint();
        });
        self.shots += 1;
        self.requested = true;
    }

    /// Advances the script by one frame; may return an action for the app.
    pub fn step(&mut self, app: &mut MinwonApp) -> Option<Action> {
        self.ctx.request_repaint();
        if self.requested {
            if self.saved.load(Ordering::SeqCst) < self.shots {
                return None;
            }
            self.requested = false;
            self.frames = 0;
            self.step = match self.step {
                Step::Library => Step::Briefing,
                Step::Briefing => Step::Roleplay,
                Step::Roleplay => Step::Scorecard,
                Step::Scorecard | Step::Done => Step::Done,
            };
            return match self.step {
                Step::Briefing => Some(Action::Open(SCENARIO.into())),
                Step::Roleplay => {
                    app.apply(Action::Start, &self.ctx);
                    if let Some(rp) = app.roleplay_mut() {
                        for line in DEMO {
                            rp.say(TraineeTurn::parse(line).0);
                        }
                    }
                    None
                }
                Step::Scorecard => Some(Action::Finish),
                Step::Done => {
                    self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    None
                }
                Step::Library => None,
            };
        }
        if self.step == Step::Library && app.screen() == Screen::Start {
            return Some(Action::Begin {
                trainee: "홍길동".into(),
                mode: Mode::Practice,
            });
        }
        self.frames += 1;
        if self.frames < SETTLE {
            return None;
        }
        match self.step {
            Step::Library => self.shoot("1-library"),
            Step::Briefing => self.shoot("2-briefing"),
            Step::Roleplay => self.shoot("3-roleplay"),
            Step::Scorecard => self.shoot("4-scorecard"),
            Step::Done => {}
        }
        None
    }
}
