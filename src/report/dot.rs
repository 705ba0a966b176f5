//! The claim graph for other tools: Graphviz DOT and a JSON node/edge list.
//!
//! Owns exporting `Run::graph` as it is — sources, claims and subjects as
//! nodes; stated-in, about, agrees-with and conflicts-with as edges — in
//! the petgraph's own order, so output is deterministic. Node ids are
//! generated (`s1`, `c1`, `k1`); every label is a quoted DOT string with
//! quotes, backslashes and line breaks escaped, so source text (Arabic,
//! quotes, markup) is only ever a label.

use petgraph::visit::EdgeRef;
use serde::Serialize;

use crate::graph::{Edge, Node};
use crate::Run;

/// A DOT quoted string: `"` and `\` escaped, line breaks as `\n`, other
/// control characters dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn edge_name(e: Edge) -> &'static str {
    match e {
        Edge::StatedIn => "stated-in",
        Edge::About => "about",
        Edge::AgreesWith => "agrees-with",
        Edge::ConflictsWith => "conflicts-with",
    }
}

/// Node id and label, or `None` for an index the run does not have.
fn node(run: &Run, n: &Node) -> Option<(String, String)> {
    match *n {
        Node::Source(i) => {
            let s = run.sources.get(i)?;
            let date = s.meta.published.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
            Some((format!("s{}", i + 1), format!("{}\n{date}", s.label())))
        }
        Node::Claim(i) => {
            let c = run.claims.get(i)?;
            let src = run.sources.get(c.source)?;
            Some((run.claim_id(i), format!("{}\n{}", src.slice(c.span), c.value.normalized())))
        }
        Node::Subject(i) => {
            let s = run.subjects.get(i)?;
            Some((format!("k{}", i + 1), format!("{}\n{}", s.label, s.status.as_str())))
        }
    }
}

/// The graph in Graphviz DOT.
pub fn dot(run: &Run) -> String {
    let g = &run.graph.graph;
    let mut out = String::from("digraph claims {\n  graph [rankdir=LR, charset=\"UTF-8\"];\n  node [fontname=\"Noto Sans Arabic,DejaVu Sans,sans-serif\", fontsize=10];\n  edge [fontsize=8, color=\"#888888\"];\n");
    for ix in g.node_indices() {
        let Some((id, label)) = node(run, &g[ix]) else { continue };
        let style = match g[ix] {
            Node::Source(_) => "shape=box, style=filled, fillcolor=\"#eef4fb\"".to_string(),
            Node::Claim(_) => "shape=ellipse".to_string(),
            Node::Subject(i) => {
                let fill = match run.subjects.get(i).map(|s| s.status) {
                    Some(crate::graph::Status::Conflict) => "#f9d6d3",
                    Some(crate::graph::Status::Corroborated) => "#d7efd9",
                    _ => "#f2f2f2",
                };
                format!("shape=note, style=filled, fillcolor=\"{fill}\"")
            }
        };
        out.push_str(&format!("  {} [label={}, {style}];\n", quote(&id), quote(&label)));
    }
    for e in g.edge_references() {
        let (Some((a, _)), Some((b, _))) = (node(run, &g[e.source()]), node(run, &g[e.target()])) else {
            continue;
        };
        let style = match e.weight() {
            Edge::StatedIn | Edge::About => "",
            Edge::AgreesWith => ", color=\"#2e7d32\", dir=none",
            Edge::ConflictsWith => ", color=\"#c0392b\", penwidth=2, dir=both",
        };
        out.push_str(&format!("  {} -> {} [label={}{style}];\n", quote(&a), quote(&b), quote(edge_name(*e.weight()))));
    }
    out.push_str("}\n");
    out
}

/// The graph as JSON: `{"version", "nodes": [{"id", "type", "label", …}],
/// "edges": [{"from", "to", "type"}]}`.
#[derive(Serialize)]
pub struct GraphDocument {
    version: u32,
    nodes: Vec<NodeEntry>,
    edges: Vec<EdgeEntry>,
}

/// A node; `type` says which of the optional fields it has.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum NodeEntry {
    Source {
        id: String,
        label: String,
        outlet: Option<String>,
        title: Option<String>,
        published: Option<String>,
        path: String,
    },
    Claim {
        id: String,
        label: String,
        kind: &'static str,
        subject: String,
        text: Option<String>,
        normalized: String,
    },
    Subject {
        id: String,
        label: String,
        key: String,
        kind: &'static str,
        status: &'static str,
    },
}

#[derive(Serialize)]
struct EdgeEntry {
    from: String,
    to: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The graph document, typed.
pub fn document(run: &Run) -> GraphDocument {
    let g = &run.graph.graph;
    let mut nodes = Vec::new();
    for ix in g.node_indices() {
        let Some((id, label)) = node(run, &g[ix]) else { continue };
        nodes.push(match g[ix] {
            Node::Source(i) => {
                let s = &run.sources[i];
                NodeEntry::Source {
                    id,
                    label,
                    outlet: s.meta.outlet.clone(),
                    title: s.meta.title.clone(),
                    published: s.meta.published.map(|d| d.to_string()),
                    path: s.name(),
                }
            }
            Node::Claim(i) => {
                let c = &run.claims[i];
                NodeEntry::Claim {
                    id,
                    label,
                    kind: c.kind.as_str(),
                    subject: c.subject.to_string(),
                    text: run.sources.get(c.source).map(|s| s.slice(c.span).to_string()),
                    normalized: c.value.normalized(),
                }
            }
            Node::Subject(i) => {
                let s = &run.subjects[i];
                NodeEntry::Subject { id, label, key: s.key.clone(), kind: s.kind.as_str(), status: s.status.as_str() }
            }
        });
    }
    let edges = g
        .edge_references()
        .filter_map(|e| {
            let (from, _) = node(run, &g[e.source()])?;
            let (to, _) = node(run, &g[e.target()])?;
            Some(EdgeEntry { from, to, kind: edge_name(*e.weight()) })
        })
        .collect();
    GraphDocument { version: super::json::VERSION, nodes, edges }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn labels_are_quoted_and_escaped() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("line\nnext\u{7}"), "\"line\\nnext\"");
        assert_eq!(quote("رويترز"), "\"رويترز\"");
    }
}
