//! Rendering: documents through Tera, Markdown and sanitising, SVG pictures.

pub mod graph_text;
