//! tact: an etiquette linter for outgoing customer messages.
//!
//! A draft is read into a [`document::Document`] (sentences, words, masked placeholders, greeting and closing), the
//! rules in force ([`engine`]) report [`diagnostic::Diagnostic`]s with exact byte spans, [`score`] weighs them, and a
//! renderer ([`render`]) prints them.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod conversation;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod input;
pub mod lang;
pub mod lint;
pub mod lsp;
pub mod mcp;
pub mod model;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod rule_docs;
pub mod score;
pub mod spell;
pub mod statistics;
