//! The one persisted settings struct. Old or broken saved settings fall back to defaults with a
//! warning; a field added later takes its default.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::records::xapi::XapiSettings;

/// The key under which settings are kept in eframe's storage.
pub const STORAGE_KEY: &str = "minwon.settings";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    Light,
    Dark,
}

/// Which renderer to start with; the other is tried when it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum RendererChoice {
    #[default]
    Auto,
    Wgpu,
    Glow,
}

impl RendererChoice {
    pub fn label(self) -> &'static str {
        match self {
            RendererChoice::Auto => "자동 (wgpu, 안 되면 glow)",
            RendererChoice::Wgpu => "wgpu",
            RendererChoice::Glow => "glow (OpenGL)",
        }
    }
}

/// Practice shows live feedback; assessment shows it only at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Mode {
    #[default]
    Practice,
    Assessment,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Practice => "연습",
            Mode::Assessment => "평가",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Text size as a factor of the normal size (0.8–1.6).
    pub text_scale: f32,
    pub theme: ThemeChoice,
    pub renderer: RendererChoice,
    /// Folders of scenario files loaded besides the built-in pack.
    pub scenario_folders: Vec<PathBuf>,
    /// The trainee signed in (not offered again at the next start: station PCs are shared).
    pub trainee: String,
    pub mode: Mode,
    /// The station folder shared by the station's PCs (a network folder): its `station.ron`
    /// names the signature practice; records go there too. None: this PC's own folders.
    pub station_folder: Option<PathBuf>,
    /// The LRS finished sessions are sent to as xAPI statements (no endpoint: none are sent),
    /// the station's home page for the trainees' accounts, and the pass mark.
    pub xapi: XapiSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            text_scale: 1.0,
            theme: ThemeChoice::Light,
            renderer: RendererChoice::Auto,
            scenario_folders: Vec::new(),
            trainee: String::new(),
            mode: Mode::Practice,
            station_folder: None,
            xapi: XapiSettings::default(),
        }
    }
}

pub const MIN_SCALE: f32 = 0.8;
pub const MAX_SCALE: f32 = 1.6;

impl Settings {
    /// The settings kept in eframe's storage (`App::save` writes them with `eframe::set_value`).
    /// None saved gives defaults; old or broken ones give defaults and a warning in words.
    pub fn restore(storage: Option<&dyn eframe::Storage>) -> (Settings, Option<String>) {
        // Not `eframe::get_value`: it hides why a saved value could not be read.
        match storage.and_then(|s| s.get_string(STORAGE_KEY)) {
            Some(text) => Settings::parse(&text),
            None => (Settings::default(), None),
        }
    }

    /// Reads settings saved as RON; a field added later takes its default, an unknown one is
    /// ignored, a broken value gives defaults and a warning.
    pub fn parse(text: &str) -> (Settings, Option<String>) {
        match ron::from_str::<Settings>(text) {
            Ok(s) => {
                let clean = s.sanitized();
                let warning = (clean != s)
                    .then(|| "저장된 설정 일부가 범위를 벗어나 기본값으로 바꿨습니다.".to_owned());
                (clean, warning)
            }
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "저장된 설정을 읽을 수 없어 기본 설정으로 시작합니다 ({e})."
                )),
            ),
        }
    }

    /// Values kept within their ranges.
    pub fn sanitized(&self) -> Settings {
        let mut s = self.clone();
        if !s.text_scale.is_finite() {
            s.text_scale = 1.0;
        }
        s.text_scale = s.text_scale.clamp(MIN_SCALE, MAX_SCALE);
        s.trainee = s.trainee.chars().take(40).collect();
        s.scenario_folders.dedup();
        s.xapi.pass_mark = s.xapi.pass_mark.min(100);
        for text in [&mut s.xapi.endpoint, &mut s.xapi.key, &mut s.xapi.home_page] {
            let trimmed = text.trim();
            if trimmed.len() != text.len() {
                *text = trimmed.to_owned();
            }
        }
        if s.xapi.home_page.is_empty() {
            s.xapi.home_page = XapiSettings::default().home_page;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Settings {
            text_scale: 1.2,
            theme: ThemeChoice::Dark,
            renderer: RendererChoice::Glow,
            scenario_folders: vec!["/srv/시나리오".into()],
            trainee: "홍길동".into(),
            mode: Mode::Assessment,
            station_folder: Some("/srv/서".into()),
            xapi: XapiSettings {
                endpoint: "https://lrs.example.go.kr/xAPI/".into(),
                key: "키".into(),
                secret: "비밀 \"값\"".into(),
                home_page: "https://songpa.example.go.kr".into(),
                pass_mark: 80,
            },
        };
        let (back, warning) = Settings::parse(&ron::to_string(&s).unwrap());
        assert_eq!(back, s);
        assert!(warning.is_none());
    }

    #[test]
    fn broken_settings_fall_back_with_a_warning() {
        let (s, warning) = Settings::parse("(text_scale: \"big\"");
        assert_eq!(s, Settings::default());
        assert!(warning.unwrap().contains("기본 설정"));
    }

    #[test]
    fn old_settings_keep_what_they_have() {
        // An older version saved only the theme; unknown fields from a newer one are ignored.
        let (s, warning) = Settings::parse("(theme: Dark, future_field: 3)");
        assert_eq!(s.theme, ThemeChoice::Dark);
        assert_eq!(s.text_scale, 1.0);
        assert!(warning.is_none());
    }

    /// Settings saved before the LRS fields existed (the last release's whole struct) load
    /// with every old value kept and the LRS off.
    #[test]
    fn settings_from_before_the_lrs_fields_load_with_the_lrs_off() {
        let old = r#"(text_scale: 1.3, theme: Dark, renderer: Glow, scenario_folders: ["/srv/a"],
            trainee: "홍길동", mode: Assessment, station_folder: Some("/srv/서"))"#;
        let (s, warning) = Settings::parse(old);
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(s.text_scale, 1.3);
        assert_eq!(s.station_folder, Some("/srv/서".into()));
        assert_eq!(s.xapi, XapiSettings::default());
        assert!(s.xapi.endpoint.is_empty());
        // Only some LRS fields saved: the rest take their defaults.
        let (s, _) = Settings::parse(r#"(xapi: (endpoint: "http://127.0.0.1:8100/xAPI/"))"#);
        assert_eq!(s.xapi.endpoint, "http://127.0.0.1:8100/xAPI/");
        assert_eq!(s.xapi.pass_mark, 70);
    }

    #[test]
    fn out_of_range_values_are_clamped() {
        let (s, warning) = Settings::parse("(text_scale: 9.0)");
        assert_eq!(s.text_scale, MAX_SCALE);
        assert!(warning.is_some());
        let (s, warning) = Settings::parse("(xapi: (pass_mark: 250, endpoint: \" http://x/ \"))");
        assert_eq!(s.xapi.pass_mark, 100);
        assert_eq!(s.xapi.endpoint, "http://x/");
        assert!(warning.is_some());
    }
}
