//! Origins: articles of one story that are copies of one text.
//!
//! Outlets republish an agency's dispatch almost word for word; three
//! outlets printing one wire story are one source for a figure, not three.
//! Two articles share an origin when most of the smaller one's word
//! shingles are in the other (containment, robust to a copy that adds a
//! paragraph or drops one), or, when the rules say so, when one outlet
//! published both. Only articles of one story are compared, so the work
//! grows with the square of a story's size, never of the run's.

use serde::Deserialize;

use super::Article;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginRules {
    pub shingle_words: usize,
    pub keep_one_in: u64,
    pub containment: f64,
    pub same_outlet_is_one_origin: bool,
}

/// Shingles an article needs before containment says anything about it.
const MIN_SHINGLES: usize = 8;
/// A story larger than this is compared member by member only with the
/// first this many: a story of thousands of articles is not news.
const MAX_COMPARED: usize = 500;

/// Source index → origin id (the smallest source index of its origin).
pub fn group(rules: &OriginRules, articles: &[Article<'_>], story_of: &[usize]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    let mut by_story: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &s) in story_of.iter().enumerate() {
        by_story.entry(s).or_default().push(i);
    }
    for members in by_story.values() {
        let members = &members[..members.len().min(MAX_COMPARED)];
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                // Already one origin through others: no comparison adds to it.
                if find(&mut parent, a) == find(&mut parent, b) {
                    continue;
                }
                if same_origin(rules, &articles[a], &articles[b]) {
                    union(&mut parent, a, b);
                }
            }
        }
    }
    (0..articles.len()).map(|i| find(&mut parent, i)).collect()
}

/// Whether two articles are one text (or one outlet's).
pub fn same_origin(rules: &OriginRules, a: &Article<'_>, b: &Article<'_>) -> bool {
    if rules.same_outlet_is_one_origin {
        if let (Some(x), Some(y)) = (a.outlet, b.outlet) {
            if !x.trim().is_empty() && x.trim() == y.trim() {
                return true;
            }
        }
    }
    containment(&a.profile.shingles, &b.profile.shingles).is_some_and(|c| c >= rules.containment)
}

/// The share of the smaller set's shingles found in the larger; `None`
/// when the smaller is too short to tell.
pub fn containment(a: &[u64], b: &[u64]) -> Option<f64> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() < MIN_SHINGLES {
        return None;
    }
    let shared = small.iter().filter(|h| large.binary_search(h).is_ok()).count();
    Some(shared as f64 / small.len() as f64)
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut x = i;
    while parent[x] != r {
        let next = parent[x];
        parent[x] = r;
        x = next;
    }
    r
}

/// Joins two sets; the smaller index becomes the root, so an origin's id
/// is its first source.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = (ra.min(rb), ra.max(rb));
        parent[hi] = lo;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::DocProfile;

    fn rules() -> OriginRules {
        OriginRules { shingle_words: 5, keep_one_in: 1, containment: 0.5, same_outlet_is_one_origin: true }
    }

    fn art<'a>(p: &'a DocProfile, outlet: &'a str) -> Article<'a> {
        Article { profile: p, published: None, outlet: Some(outlet), title: None, identity: "" }
    }

    #[test]
    fn a_republished_text_is_one_origin_and_a_rewrite_is_not() {
        let wire = DocProfile { shingles: (0..40).collect(), ..Default::default() };
        let copy = DocProfile { shingles: (10..60).collect(), ..Default::default() };
        let other = DocProfile { shingles: (100..140).collect(), ..Default::default() };
        let arts = [art(&wire, "sabq"), art(&copy, "okaz"), art(&other, "alriyadh")];
        let o = group(&rules(), &arts, &[0, 0, 0]);
        assert_eq!(o, vec![0, 0, 2], "copy shares 30 of its 50 shingles' smaller side (30/40)");
    }

    #[test]
    fn one_outlets_articles_are_one_origin() {
        let a = DocProfile { shingles: (0..40).collect(), ..Default::default() };
        let b = DocProfile { shingles: (100..140).collect(), ..Default::default() };
        let o = group(&rules(), &[art(&a, "okaz"), art(&b, "okaz")], &[0, 0]);
        assert_eq!(o, vec![0, 0]);
        let mut r = rules();
        r.same_outlet_is_one_origin = false;
        assert_eq!(group(&r, &[art(&a, "okaz"), art(&b, "okaz")], &[0, 0]), vec![0, 1]);
    }

    #[test]
    fn articles_of_different_stories_are_never_joined() {
        let a = DocProfile { shingles: (0..40).collect(), ..Default::default() };
        let o = group(&rules(), &[art(&a, "x"), art(&a, "y")], &[0, 1]);
        assert_eq!(o, vec![0, 1]);
    }

    #[test]
    fn short_texts_say_nothing() {
        assert_eq!(containment(&[1, 2, 3], &[1, 2, 3]), None);
    }
}
