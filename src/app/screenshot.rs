//! `minwon --screenshot DIR`: plays a scripted demo session through the real window, saves one
//! PNG per main screen and closes.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::{Action, MinwonApp, Mode, Screen};
use crate::model::TraineeTurn;

/// The demo: the built-in suspect who swears, answered well.
const SCENARIO: &str = "hit-and-run-swearing";
/// The demo answers; the role-play is shot after `SHOT_AFTER` of them, the scorecard at the end.
const DEMO: &[&str] = &[
    "[bow] [offer_seat] 안녕하십니까, 교통조사계 김민수 조사관입니다. 이쪽으로 앉으십시오.",
    "선생님, 많이 화가 나셨겠습니다. 다만 그렇게 말씀하시면 정상적인 응대가 어렵습니다. 욕설은 삼가 주십시오.",
    "[offer_drink] 바쁘신데 오시게 해서 죄송합니다. 그날 어떻게 된 일인지 처음부터 말씀해 주시겠습니까?",
    "네, 그러셨군요. 정리하면 골목에서 후진하시다가 뭔가 스친 것 같았다는 말씀이시죠? 그때 바로 내리지 못하신 사정이 있으셨습니까?",
    "마감 시간에 쫓기셨으면 마음이 많이 급하셨겠습니다. 차가 닿은 걸 그 순간 알아채셨는지 기억나시는 대로 말씀해 주십시오.",
    "말씀해 주셔서 고맙습니다. 닿은 느낌은 있었지만 배송 때문에 그냥 가셨다는 거군요. 지금 가장 걱정되시는 부분이 무엇인지 말씀해 주시겠습니까?",
    "절차를 설명드리겠습니다. 오늘 진술서를 작성하시고, 피해 차량 블랙박스와 골목 CCTV 영상을 확인하겠습니다.",
    "보험 처리와 피해자분과의 합의는 형사 절차와 별개로 진행됩니다. 조사가 끝나면 송치 여부가 정해지고 결과는 문자로 알려 드립니다.",
    "처분이 어떻게 될지는 제가 미리 말씀드릴 수 없습니다. 다만 억울한 부분이 없도록 영상과 진술을 꼼꼼히 확인하겠습니다.",
    "혹시 더 궁금하신 점 있으십니까?",
    "[escort] 바쁘신 중에 와 주셔서 감사합니다. 조심히 들어가십시오.",
];
const SHOT_AFTER: usize = 4;
/// A 일일열사 visit, whoever the day's first resident is.
const VISIT: &[&str] = &[
    "안녕하세요, ○○지구대 김민수 경위입니다. 동네 치안 걱정을 여쭈러 다니고 있습니다.",
    "요즘 걱정되시는 점이 있으시면 편하게 말씀해 주시겠어요?",
    "그러셨군요, 많이 불안하셨겠어요. 주로 언제, 어디서 그러세요?",
];

/// Steps of the script; each waits a few frames for the screen to settle, then shoots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Library,
    Briefing,
    Roleplay,
    /// The question asked before a session ends.
    Confirm,
    Scorecard,
    /// The card and the ledger form after a 일일열사 visit.
    Day,
    /// The trainee's records, with the demo session in them.
    History,
    /// The instructor's dashboard.
    Dashboard,
    /// The studio with the demo scenario, a playtest going.
    Studio,
    Done,
}

fn say(lines: &'static [&'static str]) -> impl Iterator<Item = Action> {
    lines.iter().map(|l| Action::Say(TraineeTurn::parse(l).0))
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

    /// Advances the script by one frame; returns the actions a trainee would have caused.
    pub fn step(&mut self, app: &mut MinwonApp) -> Vec<Action> {
        self.ctx.request_repaint();
        if self.requested {
            if self.saved.load(Ordering::SeqCst) < self.shots {
                return Vec::new();
            }
            self.requested = false;
            self.frames = 0;
            self.step = match self.step {
                Step::Library => Step::Briefing,
                Step::Briefing => Step::Roleplay,
                Step::Roleplay => Step::Confirm,
                Step::Confirm => Step::Scorecard,
                Step::Scorecard => Step::Day,
                Step::Day => Step::History,
                Step::History => Step::Dashboard,
                Step::Dashboard => Step::Studio,
                Step::Studio | Step::Done => Step::Done,
            };
            return match self.step {
                Step::Library => Vec::new(),
                Step::Briefing => vec![Action::Open(SCENARIO.into())],
                Step::Roleplay => std::iter::once(Action::Start)
                    .chain(say(&DEMO[..SHOT_AFTER]))
                    .collect(),
                Step::Confirm => vec![Action::AskFinish],
                Step::Scorecard => std::iter::once(Action::CancelConfirm)
                    .chain(say(&DEMO[SHOT_AFTER..]))
                    .chain(std::iter::once(Action::Finish))
                    .collect(),
                Step::Day => [
                    Action::BackToLibrary,
                    Action::StartDay,
                    Action::Day(super::DayAction::Meet),
                ]
                .into_iter()
                .chain(say(VISIT))
                .chain(std::iter::once(Action::Finish))
                .collect(),
                Step::History => vec![Action::BackToLibrary, Action::OpenHistory(None)],
                Step::Dashboard => vec![Action::BackToLibrary, Action::OpenDashboard],
                Step::Studio => vec![Action::BackToLibrary, Action::EditScenario(SCENARIO.into())],
                Step::Done => {
                    self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    Vec::new()
                }
            };
        }
        if self.step == Step::Library && matches!(app.screen(), Screen::Start(_)) {
            return vec![Action::Begin {
                trainee: "홍길동".into(),
                mode: Mode::Practice,
            }];
        }
        self.frames += 1;
        if self.step == Step::Studio
            && self.frames == 2
            && let Some(studio) = app.studio_mut()
        {
            studio.playtest_lines(&DEMO[..2]);
        }
        if self.frames < SETTLE {
            return Vec::new();
        }
        match self.step {
            Step::Library => self.shoot("1-library"),
            Step::Briefing => self.shoot("2-briefing"),
            Step::Roleplay => self.shoot("3-roleplay"),
            Step::Confirm => self.shoot("3b-confirm"),
            Step::Scorecard => self.shoot("4-scorecard"),
            Step::Day => self.shoot("5-day-ledger"),
            Step::History => self.shoot("6-history"),
            Step::Dashboard => self.shoot("7-dashboard"),
            Step::Studio => self.shoot("8-studio"),
            Step::Done => {}
        }
        Vec::new()
    }
}
