//! minwon (민원 응대 롤플레이 훈련): a role-play trainer in which Korean police officers practise
//! handling difficult complainants.
//!
//! The core (`model`, `analysis`, `engine`, `scoring`, `library`, `records`, and `practice`,
//! `station` and `outreach` for a station's signature practice and the 일일열사 day) knows
//! nothing of the UI and is
//! deterministic; `cli` and `app` are views over it.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod authoring;
pub mod cli;
pub mod engine;
pub mod library;
pub mod model;
pub mod outreach;
pub mod practice;
pub mod records;
pub mod scoring;
pub mod station;
