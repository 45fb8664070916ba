//! What the app's kittest files share: eframe's storage in memory (what `App::save` wrote is
//! what the next start reads) and the real app built on a harness with given start-up options.

// Each test file uses what it needs of this module.
#![allow(dead_code)]

use std::collections::HashMap;

use egui_kittest::Harness;
use minwon::app::settings::STORAGE_KEY;
use minwon::app::{MinwonApp, Settings, Startup};

/// eframe's storage, in memory.
#[derive(Default, Clone)]
pub struct MemoryStorage(pub HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// A storage holding `settings` as an earlier run saved them.
pub fn storage_with(settings: &Settings) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::set_value(&mut storage, STORAGE_KEY, settings);
    storage
}

/// The real app in a `size` window, started with `storage` and `startup`.
pub fn app_harness(
    size: [f32; 2],
    storage: Option<MemoryStorage>,
    startup: Startup,
) -> Harness<'static, MinwonApp> {
    Harness::builder().with_size(size).build_eframe(move |cc| {
        MinwonApp::build(
            &cc.egui_ctx,
            storage.as_ref().map(|s| s as &dyn eframe::Storage),
            startup.clone(),
        )
    })
}
