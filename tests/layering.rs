//! The stage order that src/lib.rs declares holds in the code: every reference
//! to another top-level module runs down the list, the files of one top-level
//! module reference each other without circles, and every function in src/ is
//! shorter than [`FN_LINE_LIMIT`] lines.
//!
//! The scanner is a small Rust lexer that tells comments, strings, raw strings,
//! chars and lifetimes apart, so a path written in a comment or a string is not
//! taken for a reference; the `scanner_*` tests below feed it such text, so the
//! tree tests cannot pass because the scanner saw nothing.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// A function must be shorter than this, counted from the line of `fn` to the
/// line of its closing brace, both included.
const FN_LINE_LIMIT: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ident,
    Punct,
    Literal,
    Lifetime,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    text: String,
    line: usize,
}

impl Token {
    fn is(&self, text: &str) -> bool {
        self.kind != Kind::Literal && self.text == text
    }

    fn is_ident(&self) -> bool {
        self.kind == Kind::Ident
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Splits Rust source into tokens; comments (doc comments too) are dropped,
/// every string, char and number becomes one `Literal` token.
fn lex(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let (end, token) = next_token(&chars, i);
        if let Some((kind, from)) = token {
            tokens.push(Token {
                kind,
                text: chars[from..end].iter().collect(),
                line,
            });
        }
        // Strings and block comments may span lines.
        line += chars[i..end].iter().filter(|&&c| c == '\n').count();
        i = end;
    }
    tokens
}

/// The end of what starts at `i`, and its kind and first char unless it is
/// whitespace or a comment.
fn next_token(chars: &[char], i: usize) -> (usize, Option<(Kind, usize)>) {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    let c = chars[i];
    if c.is_whitespace() {
        return (i + 1, None);
    }
    if c == '/' && at(i + 1) == '/' {
        let end = (i..chars.len()).find(|&k| chars[k] == '\n');
        return (end.unwrap_or(chars.len()), None);
    }
    if c == '/' && at(i + 1) == '*' {
        return (block_comment_end(chars, i), None);
    }
    if let Some(end) = string_end(chars, i) {
        return (end, Some((Kind::Literal, i)));
    }
    if c == 'b' && at(i + 1) == '\'' {
        let end = char_end(chars, i + 1).unwrap_or(i + 2);
        return (end.min(chars.len()), Some((Kind::Literal, i)));
    }
    if c == '\'' {
        return match char_end(chars, i) {
            Some(end) => (end.min(chars.len()), Some((Kind::Literal, i))),
            None => (ident_end(chars, i + 1), Some((Kind::Lifetime, i))),
        };
    }
    if c == 'r' && at(i + 1) == '#' && is_ident_start(at(i + 2)) {
        return (ident_end(chars, i + 2), Some((Kind::Ident, i + 2)));
    }
    if is_ident_start(c) {
        return (ident_end(chars, i), Some((Kind::Ident, i)));
    }
    if c.is_ascii_digit() {
        let mut end = i;
        while is_ident_char(at(end)) || (at(end) == '.' && at(end + 1).is_ascii_digit()) {
            end += 1;
        }
        return (end, Some((Kind::Literal, i)));
    }
    if c == ':' && at(i + 1) == ':' {
        return (i + 2, Some((Kind::Punct, i)));
    }
    (i + 1, Some((Kind::Punct, i)))
}

fn ident_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_ident_char(chars[i]) {
        i += 1;
    }
    i
}

/// The index after a (nestable) block comment starting at `i`.
fn block_comment_end(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The index after a string literal starting at `i` (`"…"`, `b"…"`, `c"…"`,
/// `r#"…"#`, `br"…"`), or `None` if none starts there.
fn string_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    let mut j = i;
    if at(j) == 'b' || at(j) == 'c' {
        j += 1;
    }
    if at(j) == 'r' {
        j += 1;
        let mut hashes = 0;
        while at(j) == '#' {
            hashes += 1;
            j += 1;
        }
        if at(j) != '"' {
            return None;
        }
        j += 1;
        while j < chars.len() {
            if chars[j] == '"' && (1..=hashes).all(|h| at(j + h) == '#') {
                return Some(j + 1 + hashes);
            }
            j += 1;
        }
        return Some(chars.len());
    }
    if at(j) != '"' {
        return None;
    }
    j += 1;
    while j < chars.len() {
        match chars[j] {
            '\\' => j += 2,
            '"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    Some(j.min(chars.len()))
}

/// The index after a char literal whose quote is at `i`, or `None` for a lifetime.
fn char_end(chars: &[char], i: usize) -> Option<usize> {
    let at = |k: usize| chars.get(k).copied().unwrap_or('\0');
    if at(i + 1) == '\\' {
        let mut j = i + 3;
        while j < chars.len() && chars[j] != '\'' {
            j += 1;
        }
        return Some(j + 1);
    }
    (at(i + 2) == '\'').then_some(i + 3)
}

/// The index after the bracket group that opens at `open`.
fn group_end(tokens: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (k, token) in tokens.iter().enumerate().skip(open) {
        if token.is("(") || token.is("[") || token.is("{") {
            depth += 1;
        } else if token.is(")") || token.is("]") || token.is("}") {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return k + 1;
            }
        }
    }
    tokens.len()
}

/// If an attribute that compiles its item only for tests (`#[cfg(test)]`,
/// `#[cfg(all(test, …))]`) starts at `i`, the index after it.
fn test_attribute_end(tokens: &[Token], i: usize) -> Option<usize> {
    let inner = tokens.get(i + 1)?.is("!");
    let open = if inner { i + 2 } else { i + 1 };
    if !tokens[i].is("#") || !tokens.get(open)?.is("[") || !tokens.get(open + 1)?.is("cfg") {
        return None;
    }
    let end = group_end(tokens, open);
    let words = &tokens[open..end];
    let for_tests = words.iter().any(|t| t.is("test")) && !words.iter().any(|t| t.is("not"));
    match (for_tests, inner) {
        (false, _) => None,
        // `#![cfg(test)]`: the whole file is for tests.
        (true, true) => Some(tokens.len()),
        (true, false) => Some(end),
    }
}

/// The index after the item starting at `i` (after its attributes).
fn item_end(tokens: &[Token], mut i: usize) -> usize {
    while i < tokens.len() && tokens[i].is("#") {
        i = group_end(tokens, i + 1);
    }
    while i < tokens.len() {
        let token = &tokens[i];
        if token.is(";") {
            return i + 1;
        }
        if token.is("(") || token.is("[") {
            i = group_end(tokens, i);
        } else if token.is("{") {
            let end = group_end(tokens, i);
            return end + usize::from(tokens.get(end).is_some_and(|t| t.is(";")));
        } else {
            i += 1;
        }
    }
    i
}

/// The tokens of the code that is compiled outside tests: `#[cfg(test)]` items
/// (the `mod tests` blocks) may use anything and are dropped.
fn code_tokens(source: &str) -> Vec<Token> {
    let tokens = lex(source);
    let mut kept = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if let Some(after) = test_attribute_end(&tokens, i) {
            i = item_end(&tokens, after);
        } else {
            kept.push(tokens[i].clone());
            i += 1;
        }
    }
    kept
}

/// A module path from the crate root, `["view", "report"]`.
type ModulePath = Vec<String>;

/// The module a file under src/ is: `src/view/mod.rs` is `["view"]`, `src/lib.rs`
/// the root; `None` for the binary, `src/main.rs`.
fn module_of_file(path: &str) -> Option<ModulePath> {
    let inner = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: ModulePath = inner.split('/').map(String::from).collect();
    match parts.as_slice() {
        [only] if only == "main" => return None,
        [only] if only == "lib" => return Some(Vec::new()),
        _ => {}
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    Some(parts)
}

/// One path in the code that names a module of the crate, resolved from the root.
#[derive(Debug, Clone)]
struct Reference {
    /// The path it names, from the crate root.
    to: Vec<String>,
    line: usize,
}

/// What one file says: its references, and the names its `use` declarations bring in.
#[derive(Debug, Default)]
struct Scan {
    references: Vec<Reference>,
    /// Per module (the file's own and its inline ones): name -> path from the root.
    names: BTreeMap<ModulePath, BTreeMap<String, Vec<String>>>,
    /// Inline `mod name { … }` modules.
    inline_modules: Vec<ModulePath>,
}

/// Resolves a path written in `module` to a path from the crate root, if it names
/// something inside the crate: `crate::…`, `super::…`, `self::…` or a child module.
fn resolve(
    segments: &[String],
    module: &[String],
    modules: &BTreeSet<ModulePath>,
) -> Option<Vec<String>> {
    let first = segments.first()?;
    match first.as_str() {
        "crate" | "$crate" => Some(segments[1..].to_vec()),
        "self" => Some([module, &segments[1..]].concat()),
        "super" => {
            let mut base = module.to_vec();
            let mut k = 0;
            while segments.get(k).is_some_and(|s| s == "super") {
                base.pop()?;
                k += 1;
            }
            Some([&base, &segments[k..]].concat())
        }
        _ => {
            let child = [module, &segments[..1]].concat();
            modules
                .contains(&child)
                .then(|| [module, segments].concat())
        }
    }
}

/// One leaf of a `use` tree: its path as written, and the name it brings in.
struct UseLeaf {
    segments: Vec<String>,
    name: Option<String>,
    line: usize,
}

/// Parses the use tree starting at `i` under `prefix`; returns the index after it.
fn parse_use_tree(
    tokens: &[Token],
    mut i: usize,
    mut prefix: Vec<String>,
    leaves: &mut Vec<UseLeaf>,
) -> usize {
    while let Some(token) = tokens.get(i) {
        if token.is("::") {
            if prefix.is_empty() {
                // `use ::name`: an outside crate.
                prefix.push("::".into());
            }
            i += 1;
        } else if token.is("{") {
            i += 1;
            while tokens.get(i).is_some_and(|t| !t.is("}")) {
                let before = i;
                i = parse_use_tree(tokens, i, prefix.clone(), leaves);
                if tokens.get(i).is_some_and(|t| t.is(",")) || i == before {
                    i += 1;
                }
            }
            return i + 1;
        } else if token.is("*") {
            prefix.push("*".into());
            leaves.push(UseLeaf {
                segments: prefix,
                name: None,
                line: token.line,
            });
            return i + 1;
        } else if token.is_ident() {
            prefix.push(token.text.clone());
            i += 1;
            if tokens.get(i).is_some_and(|t| t.is("::")) {
                i += 1;
                continue;
            }
            let mut name = Some(token.text.clone());
            if tokens.get(i).is_some_and(|t| t.is("as")) {
                name = tokens.get(i + 1).map(|t| t.text.clone());
                i += 2;
            }
            if prefix.last().is_some_and(|s| s == "self") && prefix.len() > 1 {
                prefix.pop();
                if name.as_deref() == Some("self") {
                    name = prefix.last().cloned();
                }
            }
            leaves.push(UseLeaf {
                segments: prefix,
                name: name.filter(|n| n != "_"),
                line: token.line,
            });
            return i;
        } else {
            return i;
        }
    }
    i
}

/// Reads one file's code: every `use` leaf and every path into the crate.
fn scan(tokens: &[Token], file_module: &[String], modules: &BTreeSet<ModulePath>) -> Scan {
    let mut found = Scan::default();
    // Inline modules: (path, brace depth inside them).
    let mut stack: Vec<(ModulePath, usize)> = vec![(file_module.to_vec(), 0)];
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let module = stack.last().map(|(m, _)| m.clone()).unwrap_or_default();
        if token.is("{") {
            depth += 1;
        } else if token.is("}") {
            if stack.len() > 1 && stack.last().is_some_and(|(_, d)| *d == depth) {
                stack.pop();
            }
            depth = depth.saturating_sub(1);
        } else if token.is("mod") && tokens.get(i + 2).is_some_and(|t| t.is("{")) {
            let inline = [&module[..], &[tokens[i + 1].text.clone()]].concat();
            found.inline_modules.push(inline.clone());
            stack.push((inline, depth + 1));
        } else if token.is("use") {
            let mut leaves = Vec::new();
            i = parse_use_tree(tokens, i + 1, Vec::new(), &mut leaves);
            record_uses(&mut found, &module, leaves, modules);
            continue;
        } else if let Some((segments, next)) = path_at(tokens, i) {
            if let Some(to) = resolve(&segments, &module, modules) {
                found.references.push(Reference {
                    to,
                    line: token.line,
                });
            }
            i = next;
            continue;
        }
        i += 1;
    }
    found
}

fn record_uses(
    found: &mut Scan,
    module: &[String],
    leaves: Vec<UseLeaf>,
    modules: &BTreeSet<ModulePath>,
) {
    for leaf in leaves {
        let Some(mut to) = resolve(&leaf.segments, module, modules) else {
            continue;
        };
        if to.last().is_some_and(|s| s == "*") {
            to.pop();
        } else if let Some(name) = leaf.name {
            found
                .names
                .entry(module.to_vec())
                .or_default()
                .insert(name, to.clone());
        }
        found.references.push(Reference {
            to,
            line: leaf.line,
        });
    }
}

/// A path expression `a::b::c` starting at `i` (not in the middle of one): its
/// segments and the index after it.
fn path_at(tokens: &[Token], i: usize) -> Option<(Vec<String>, usize)> {
    let token = &tokens[i];
    if !token.is_ident() || !tokens.get(i + 1)?.is("::") {
        return None;
    }
    let before = i.checked_sub(1).map(|k| &tokens[k]);
    if before.is_some_and(|t| t.is("::")) {
        return None;
    }
    let dollar = before.is_some_and(|t| t.is("$")) && token.text == "crate";
    let mut segments = vec![if dollar {
        "$crate".to_string()
    } else {
        token.text.clone()
    }];
    let mut k = i + 1;
    while tokens.get(k).is_some_and(|t| t.is("::"))
        && tokens.get(k + 1).is_some_and(Token::is_ident)
    {
        segments.push(tokens[k + 1].text.clone());
        k += 2;
    }
    Some((segments, k))
}

/// A source file: its path from the package root (`src/view/report.rs`) and text.
struct Source {
    path: String,
    text: String,
}

/// Every file under src/ with its module, and what each says.
struct Crate {
    /// File path -> (module, scan).
    files: BTreeMap<String, (ModulePath, Scan)>,
    /// Module -> the file it is written in.
    module_files: BTreeMap<ModulePath, String>,
}

impl Crate {
    fn read(sources: &[Source]) -> Crate {
        let tokens: Vec<(&Source, ModulePath, Vec<Token>)> = sources
            .iter()
            .filter_map(|s| Some((s, module_of_file(&s.path)?, code_tokens(&s.text))))
            .collect();
        let mut module_files = BTreeMap::new();
        for (source, module, tokens) in &tokens {
            module_files.insert(module.clone(), source.path.clone());
            // A first pass finds the inline modules, which paths may name.
            for inline in scan(tokens, module, &BTreeSet::new()).inline_modules {
                module_files.insert(inline, source.path.clone());
            }
        }
        let modules: BTreeSet<ModulePath> = module_files.keys().cloned().collect();
        let files = tokens
            .into_iter()
            .map(|(source, module, tokens)| {
                let found = scan(&tokens, &module, &modules);
                (source.path.clone(), (module, found))
            })
            .collect();
        Crate {
            files,
            module_files,
        }
    }

    /// The names `module`'s `use` declarations bring in.
    fn names(&self, module: &[String]) -> Option<&BTreeMap<String, Vec<String>>> {
        let file = self.module_files.get(module)?;
        self.files.get(file)?.1.names.get(module)
    }

    /// The file that defines what `path` names, following `use` declarations
    /// (`super::Chains` in a sibling of `analysis/chains.rs` is that file).
    fn file_of(&self, path: &[String]) -> Option<&str> {
        let mut path = path.to_vec();
        for _ in 0..16 {
            let module_len = (0..=path.len())
                .rev()
                .find(|&n| self.module_files.contains_key(&path[..n]))?;
            let (module, rest) = path.split_at(module_len);
            let imported = rest
                .first()
                .and_then(|name| self.names(module)?.get(name))
                .filter(|target| target[..] != path[..]);
            match imported {
                Some(target) => path = [&target[..], &rest[1..]].concat(),
                None => return self.module_files.get(module).map(String::as_str),
            }
        }
        None
    }
}

/// The top-level modules src/lib.rs declares, in order.
fn declared_order(lib_rs: &str) -> Vec<String> {
    let tokens = code_tokens(lib_rs);
    tokens
        .windows(3)
        .filter(|w| w[0].is("mod") && w[1].is_ident() && w[2].is(";"))
        .map(|w| w[1].text.clone())
        .collect()
}

/// `src/x.rs:9: a -> b (b is declared after a)` for every reference that runs up the order.
fn layering_violations(lib_rs: &str, sources: &[Source]) -> Vec<String> {
    let order = declared_order(lib_rs);
    let rank = |name: &str| order.iter().position(|m| m == name);
    let krate = Crate::read(sources);
    let mut found: Vec<(String, usize, String)> = Vec::new();
    for (path, (module, scan)) in &krate.files {
        let Some(from) = module.first() else {
            // The crate root only declares the modules.
            continue;
        };
        for reference in &scan.references {
            let Some(to) = reference.to.first() else {
                continue;
            };
            let message = match (rank(from), rank(to)) {
                (None, _) => format!("{from} is not declared in src/lib.rs"),
                (_, None) => {
                    format!("{from} -> {to} ({to} is not a module declared in src/lib.rs)")
                }
                (Some(a), Some(b)) if b > a => {
                    format!("{from} -> {to} ({to} is declared after {from})")
                }
                _ => continue,
            };
            found.push((path.clone(), reference.line, message));
        }
    }
    located(found)
}

/// Sorts by file and line, drops repeats, and puts `file:line: ` in front.
fn located(mut found: Vec<(String, usize, String)>) -> Vec<String> {
    found.sort();
    found.dedup();
    found
        .into_iter()
        .map(|(path, line, message)| format!("{path}:{line}: {message}"))
        .collect()
}

/// File -> file it references -> line of the first such reference, inside each
/// top-level module. A file naming what its own parent module file defines
/// (`use super::CausalGraph` in `analysis/chains.rs`) is left out: a parent
/// module holds what its children share, and re-exports them in turn.
fn file_graph(krate: &Crate) -> BTreeMap<String, BTreeMap<String, usize>> {
    let mut graph: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for (path, (module, scan)) in &krate.files {
        for reference in &scan.references {
            let Some(target) = krate.file_of(&reference.to) else {
                continue;
            };
            let Some((target_module, _)) = krate.files.get(target) else {
                continue;
            };
            let same_top = !module.is_empty() && target_module.first() == module.first();
            let parent = target_module.len() < module.len() && module.starts_with(target_module);
            if target != path && same_top && !parent {
                let lines = graph.entry(path.clone()).or_default();
                let line = lines.entry(target.to_string()).or_insert(reference.line);
                *line = (*line).min(reference.line);
            }
        }
    }
    graph
}

/// Every circle of references among the files of one top-level module, once,
/// from its first file: `src/a.rs:3: import circle: src/a.rs:3 -> src/b.rs:7 -> src/a.rs`.
fn import_circles(sources: &[Source]) -> Vec<String> {
    let krate = Crate::read(sources);
    let graph = file_graph(&krate);
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([from]);
        while let Some(file) = queue.pop_front() {
            for next in graph.get(file).into_iter().flat_map(BTreeMap::keys) {
                if seen.insert(next.clone()) {
                    queue.push_back(next);
                }
            }
        }
        seen
    };
    let mut covered = BTreeSet::new();
    let mut found = Vec::new();
    for start in graph.keys() {
        if covered.contains(start) || !reach(start).contains(start) {
            continue;
        }
        let circle = shortest_circle(&graph, start);
        covered.extend(circle.iter().cloned());
        let hops: Vec<String> = circle
            .windows(2)
            .map(|w| format!("{}:{}", w[0], graph[&w[0]][&w[1]]))
            .chain(std::iter::once(start.clone()))
            .collect();
        let line = graph[start][&circle[1]];
        found.push((
            start.clone(),
            line,
            format!("import circle: {}", hops.join(" -> ")),
        ));
    }
    located(found)
}

/// The shortest walk from `start` back to it: `[start, …, start]`.
fn shortest_circle(graph: &BTreeMap<String, BTreeMap<String, usize>>, start: &str) -> Vec<String> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue: VecDeque<&str> = VecDeque::from([start]);
    while let Some(file) = queue.pop_front() {
        for next in graph.get(file).into_iter().flat_map(BTreeMap::keys) {
            if next == start {
                let mut walk = vec![start.to_string(), file.to_string()];
                let mut at = file;
                while at != start {
                    at = came_from[at];
                    walk.push(at.to_string());
                }
                walk.reverse();
                return walk;
            }
            if !came_from.contains_key(next.as_str()) {
                came_from.insert(next, file);
                queue.push_back(next);
            }
        }
    }
    Vec::new()
}

/// `src/x.rs:120: fn name is 95 lines` for every function of [`FN_LINE_LIMIT`]
/// lines or more, outside `#[cfg(test)]` items.
fn long_functions(sources: &[Source]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        let tokens = code_tokens(&source.text);
        for (i, token) in tokens.iter().enumerate() {
            let Some(name) = tokens.get(i + 1).filter(|t| token.is("fn") && t.is_ident()) else {
                continue;
            };
            let Some(close) = body_close(&tokens, i + 2) else {
                continue;
            };
            let lines = tokens[close].line - token.line + 1;
            if lines >= FN_LINE_LIMIT {
                let message = format!("fn {} is {lines} lines", name.text);
                found.push((source.path.clone(), token.line, message));
            }
        }
    }
    located(found)
}

/// The index of the brace that closes the body of the function whose signature
/// continues at `i`, or `None` for a declaration without a body.
fn body_close(tokens: &[Token], mut i: usize) -> Option<usize> {
    while let Some(token) = tokens.get(i) {
        if token.is(";") {
            return None;
        }
        if token.is("{") {
            return Some(group_end(tokens, i) - 1).filter(|&k| k < tokens.len());
        }
        if token.is("(") || token.is("[") {
            i = group_end(tokens, i);
        } else {
            i += 1;
        }
    }
    None
}

/// Every .rs file under src/, sorted, with `/` separators.
fn src_files() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending = vec![root.join("src")];
    let mut sources = Vec::new();
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(root).expect("under the package");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                sources.push(Source {
                    path: parts.join("/"),
                    text: std::fs::read_to_string(&path).expect("source is UTF-8"),
                });
            }
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    sources
}

fn lib_rs() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs is readable")
}

#[test]
fn imports_run_down_the_stage_order() {
    let sources = src_files();
    let mut problems = layering_violations(&lib_rs(), &sources);
    problems.extend(import_circles(&sources));
    assert!(
        problems.is_empty(),
        "{} references run against the order of src/lib.rs:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn functions_are_shorter_than_the_limit() {
    let long = long_functions(&src_files());
    assert!(
        long.is_empty(),
        "{} functions are {FN_LINE_LIMIT} lines or longer:\n{}",
        long.len(),
        long.join("\n")
    );
}

/// The tree tests see the real tree: every top-level file or folder of src/ is
/// declared, and the scanner finds the references the pipeline driver makes.
#[test]
fn the_order_covers_src_and_the_scanner_sees_it() {
    let order = declared_order(&lib_rs());
    let sources = src_files();
    let on_disk: BTreeSet<String> = sources
        .iter()
        .filter_map(|s| module_of_file(&s.path)?.first().cloned())
        .collect();
    let declared: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(on_disk, declared);
    assert_eq!(order.first().map(String::as_str), Some("memory"));
    let krate = Crate::read(&sources);
    let (_, workspace) = &krate.files["src/workspace.rs"];
    let named: BTreeSet<&str> = workspace
        .references
        .iter()
        .filter_map(|r| r.to.first().map(String::as_str))
        .collect();
    assert_eq!(
        named,
        BTreeSet::from(["analysis", "check", "config", "diagnostic", "load", "model"])
    );
    let graph = file_graph(&krate);
    let edges: BTreeSet<(&str, &str)> = graph
        .iter()
        .flat_map(|(from, to)| to.keys().map(move |t| (from.as_str(), t.as_str())))
        .collect();
    for edge in [
        ("src/view/report/mod.rs", "src/view/summary.rs"),
        ("src/load/yaml.rs", "src/load/positions.rs"),
        ("src/view/mod.rs", "src/view/incident/mod.rs"),
    ] {
        assert!(edges.contains(&edge), "{edge:?} missing from {edges:?}");
    }
}

fn source(path: &str, text: &str) -> Source {
    Source {
        path: path.into(),
        text: text.into(),
    }
}

const LIB: &str = "pub mod model;\n// pub mod hidden;\npub mod view;\npub mod render;\n";

#[test]
fn scanner_reads_the_order_from_mod_lines_only() {
    assert_eq!(declared_order(LIB), ["model", "view", "render"]);
}

#[test]
fn scanner_finds_a_path_into_a_later_module_in_an_expression() {
    let view = source(
        "src/view/incident.rs",
        "use crate::model::Incident;\n\nfn page() -> String {\n    let svg = crate::render::svg::timeline(&x);\n    svg\n}\n",
    );
    assert_eq!(
        layering_violations(LIB, &[view]),
        ["src/view/incident.rs:4: view -> render (render is declared after view)"]
    );
}

#[test]
fn scanner_finds_every_leaf_of_a_use_tree_and_pub_use() {
    let model = source(
        "src/model/mod.rs",
        "use crate::{\n    view::{self, Page},\n    render::svg,\n};\npub use crate::render as drawn;\n",
    );
    assert_eq!(
        layering_violations(LIB, &[model]),
        [
            "src/model/mod.rs:2: model -> view (view is declared after model)",
            "src/model/mod.rs:3: model -> render (render is declared after model)",
            "src/model/mod.rs:5: model -> render (render is declared after model)",
        ]
    );
}

#[test]
fn scanner_follows_super_out_of_the_module() {
    let report = source(
        "src/view/report.rs",
        "use super::summary::Line;\nuse super::super::render::svg;\nfn f() { super::super::model::x(); }\n",
    );
    assert_eq!(
        layering_violations(LIB, &[report]),
        ["src/view/report.rs:2: view -> render (render is declared after view)"]
    );
}

#[test]
fn scanner_ignores_comments_strings_and_tests() {
    let text = r####"
//! See [`crate::render::svg`].
/// Calls `crate::render::svg::timeline`.
/* crate::render:: /* nested */ crate::render:: */
fn quoted() -> (&'static str, &'static str, char) {
    let plain = "crate::render::svg \" crate::render::";
    let raw = r#"crate::render::"svg"# ;
    (plain, raw, '"')
}
fn labelled<'a>(x: &'a str) -> &'a str { 'outer: loop { break 'outer x; } }
#[cfg(test)]
mod tests {
    use crate::render::svg;
    #[test]
    fn t() { crate::render::svg::timeline(); }
}
"####;
    let view = source("src/view/incident.rs", text);
    assert_eq!(layering_violations(LIB, &[view]), Vec::<String>::new());
    // The same file with one real reference after all that is still read right.
    let tail = format!("{text}fn draw() {{ crate::render::svg::timeline(); }}\n");
    let view = source("src/view/incident.rs", &tail);
    assert_eq!(
        layering_violations(LIB, &[view]),
        ["src/view/incident.rs:17: view -> render (render is declared after view)"]
    );
}

#[test]
fn scanner_reports_a_path_to_something_lib_rs_does_not_declare() {
    let view = source("src/view/mod.rs", "use crate::Shortcut;\n");
    assert_eq!(
        layering_violations(LIB, &[view]),
        ["src/view/mod.rs:1: view -> Shortcut (Shortcut is not a module declared in src/lib.rs)"]
    );
}

#[test]
fn scanner_finds_a_circle_between_two_sibling_files() {
    let files = [
        source("src/view/mod.rs", "pub mod incident;\npub mod report;\n"),
        source(
            "src/view/incident.rs",
            "use crate::model::Incident;\n\nuse super::report::totals;\n",
        ),
        source(
            "src/view/report.rs",
            "fn f() {\n    super::incident::page();\n}\n",
        ),
    ];
    assert_eq!(
        import_circles(&files),
        ["src/view/incident.rs:3: import circle: src/view/incident.rs:3 -> src/view/report.rs:2 -> src/view/incident.rs"]
    );
}

#[test]
fn scanner_finds_a_circle_through_a_re_export() {
    // `super::Chains` is chains.rs's, re-exported by the parent.
    let files = [
        source(
            "src/analysis/mod.rs",
            "mod chains;\nmod metrics;\npub use chains::Chains;\npub struct Graph;\n",
        ),
        source("src/analysis/chains.rs", "use super::{metrics, Graph};\n"),
        source("src/analysis/metrics.rs", "use super::Chains;\n"),
    ];
    assert_eq!(
        import_circles(&files),
        ["src/analysis/chains.rs:1: import circle: src/analysis/chains.rs:1 -> src/analysis/metrics.rs:1 -> src/analysis/chains.rs"]
    );
}

#[test]
fn scanner_lets_children_use_their_parent() {
    let files = [
        source(
            "src/analysis/mod.rs",
            "mod chains;\npub use chains::Chains;\npub struct Graph;\nfn f() { chains::find(); }\n",
        ),
        source("src/analysis/chains.rs", "use super::Graph;\n"),
    ];
    assert_eq!(import_circles(&files), Vec::<String>::new());
}

#[test]
fn scanner_measures_functions_from_fn_to_closing_brace() {
    let body = "    let x = 1;\n".repeat(FN_LINE_LIMIT - 3);
    let text = format!(
        "fn short() {{ '{{'; }}\n\nfn long() {{\n    let s = \"}}\"; let r = r#\"}}\"#; let c = '}}'; // }}\n{body}}}\n\ntrait T {{ fn declared(&self) -> [u8; 2]; }}\n#[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{body}    }}\n}}\n"
    );
    assert_eq!(
        long_functions(&[source("src/x.rs", &text)]),
        [format!("src/x.rs:3: fn long is {} lines", FN_LINE_LIMIT)]
    );
    let just_under = format!(
        "fn fits() {{\n{}}}\n",
        "    let x = 1;\n".repeat(FN_LINE_LIMIT - 3)
    );
    assert_eq!(
        long_functions(&[source("src/x.rs", &just_under)]),
        Vec::<String>::new()
    );
}
