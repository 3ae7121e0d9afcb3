//! Buddy pairs (makkerpar): every active participant in exactly one pair, or one trio when
//! the count is odd, avoiding buddies who already worked together in this course whenever a
//! new pairing exists. Pure and deterministic for a given seed.

use std::collections::HashSet;

/// An unordered pair of participant ids, smaller first.
pub type Pair = (i64, i64);

pub fn pair_key(a: i64, b: i64) -> Pair {
    if a < b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Every pair inside a group (one for a pair, three for a trio).
pub fn pairs_in(group: &[i64]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, a) in group.iter().enumerate() {
        for b in &group[i + 1..] {
            out.push(pair_key(*a, *b));
        }
    }
    out
}

/// How many attempts (different shuffles) to look for a pairing without repeats.
const ATTEMPTS: u64 = 200;

/// Groups `participants` into pairs (and one trio if the count is odd; a single participant
/// stays alone). Among up to 200 shuffles derived from `seed`, returns the first grouping with
/// no pair from `previous`, or else the one with the fewest repeats.
pub fn make_groups(participants: &[i64], previous: &HashSet<Pair>, seed: u64) -> Vec<Vec<i64>> {
    let mut ids: Vec<i64> = participants.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() < 2 {
        return if ids.is_empty() { vec![] } else { vec![ids] };
    }
    let mut best: Option<(usize, Vec<Vec<i64>>)> = None;
    for attempt in 0..ATTEMPTS {
        let mut order = ids.clone();
        shuffle(
            &mut order,
            seed.wrapping_mul(6364136223846793005).wrapping_add(attempt),
        );
        let groups = greedy(&order, previous);
        let repeats = groups
            .iter()
            .flat_map(|g| pairs_in(g))
            .filter(|p| previous.contains(p))
            .count();
        if best.as_ref().is_none_or(|(r, _)| repeats < *r) {
            best = Some((repeats, groups));
        }
        if repeats == 0 {
            break;
        }
    }
    best.map(|(_, g)| g).unwrap_or_default()
}

/// Pairs each participant in order with the next one they have not worked with; the last
/// odd one joins the final pair as a trio.
fn greedy(order: &[i64], previous: &HashSet<Pair>) -> Vec<Vec<i64>> {
    let mut left: Vec<i64> = order.to_vec();
    let mut groups: Vec<Vec<i64>> = Vec::new();
    while left.len() >= 2 {
        let a = left.remove(0);
        let pick = left
            .iter()
            .position(|b| !previous.contains(&pair_key(a, *b)))
            .unwrap_or(0);
        let b = left.remove(pick);
        groups.push(vec![a, b]);
    }
    if let Some(last) = left.pop() {
        // Join the pair where the newcomer repeats the fewest earlier buddies.
        let target = (0..groups.len())
            .min_by_key(|i| {
                groups[*i]
                    .iter()
                    .filter(|m| previous.contains(&pair_key(**m, last)))
                    .count()
            })
            .unwrap_or(0);
        groups[target].push(last);
    }
    groups
}

/// A small, fixed pseudo-random shuffle (xorshift), so pairings are reproducible.
fn shuffle(items: &mut [i64], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = (state % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// Swaps two participants between their groups (a hand adjustment). Unknown ids change nothing.
pub fn swap(groups: &[Vec<i64>], a: i64, b: i64) -> Vec<Vec<i64>> {
    groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|m| {
                    if *m == a {
                        b
                    } else if *m == b {
                        a
                    } else {
                        *m
                    }
                })
                .collect()
        })
        .collect()
}

/// Moves `newcomer` out of any group and into the group of `buddy`; groups left with one
/// member are dropped (that member is unpaired until the next pairing).
pub fn join(groups: &[Vec<i64>], newcomer: i64, buddy: i64) -> Vec<Vec<i64>> {
    let mut out: Vec<Vec<i64>> = groups
        .iter()
        .map(|g| g.iter().copied().filter(|m| *m != newcomer).collect())
        .collect();
    match out.iter_mut().find(|g| g.contains(&buddy)) {
        Some(g) => g.push(newcomer),
        None => out.push(vec![buddy, newcomer]),
    }
    out.retain(|g| g.len() >= 2);
    out
}

/// Who is left without a buddy when `leaving` withdraws from `group`: the other member of a
/// pair (a trio simply becomes a pair).
pub fn left_without_buddy(group: &[i64], leaving: i64) -> Option<i64> {
    let rest: Vec<i64> = group.iter().copied().filter(|m| *m != leaving).collect();
    (group.contains(&leaving) && rest.len() == 1).then(|| rest[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everyone_once(groups: &[Vec<i64>], ids: &[i64]) {
        let mut seen: Vec<i64> = groups.iter().flatten().copied().collect();
        seen.sort_unstable();
        let mut want = ids.to_vec();
        want.sort_unstable();
        assert_eq!(seen, want, "every participant exactly once: {groups:?}");
    }

    #[test]
    fn an_even_count_gives_pairs_and_an_odd_count_one_trio() {
        for n in 2..=17 {
            let ids: Vec<i64> = (1..=n).collect();
            let groups = make_groups(&ids, &HashSet::new(), 7);
            everyone_once(&groups, &ids);
            let trios = groups.iter().filter(|g| g.len() == 3).count();
            assert_eq!(trios, (n % 2) as usize, "n = {n}: {groups:?}");
            assert!(groups.iter().all(|g| g.len() == 2 || g.len() == 3));
        }
        assert_eq!(make_groups(&[5], &HashSet::new(), 1), vec![vec![5]]);
        assert!(make_groups(&[], &HashSet::new(), 1).is_empty());
    }

    #[test]
    fn re_pairing_avoids_earlier_buddies_while_that_is_possible() {
        let ids: Vec<i64> = (1..=12).collect();
        let mut previous = HashSet::new();
        // 11 rounds of 12 people: a round-robin has exactly 11 disjoint perfect matchings.
        for round in 0..5 {
            let groups = make_groups(&ids, &previous, round);
            everyone_once(&groups, &ids);
            for p in groups.iter().flat_map(|g| pairs_in(g)) {
                assert!(previous.insert(p), "round {round} repeated {p:?}");
            }
        }
    }

    #[test]
    fn four_people_get_the_only_fresh_pairing() {
        let previous: HashSet<Pair> = [(1, 2), (3, 4)].into_iter().collect();
        let groups = make_groups(&[1, 2, 3, 4], &previous, 3);
        for p in groups.iter().flat_map(|g| pairs_in(g)) {
            assert!(!previous.contains(&p), "{groups:?}");
        }
    }

    #[test]
    fn when_every_pairing_repeats_someone_is_still_paired() {
        let previous: HashSet<Pair> = [(1, 2), (1, 3), (2, 3)].into_iter().collect();
        let groups = make_groups(&[1, 2, 3], &previous, 1);
        everyone_once(&groups, &[1, 2, 3]);
        assert_eq!(groups.len(), 1);
    }

    #[test]
    fn the_same_seed_gives_the_same_pairs() {
        let ids: Vec<i64> = (10..20).collect();
        assert_eq!(
            make_groups(&ids, &HashSet::new(), 42),
            make_groups(&ids, &HashSet::new(), 42)
        );
    }

    #[test]
    fn hand_adjustments_swap_and_join() {
        let groups = vec![vec![1, 2], vec![3, 4]];
        assert_eq!(swap(&groups, 2, 3), vec![vec![1, 3], vec![2, 4]]);
        assert_eq!(join(&groups, 5, 1), vec![vec![1, 2, 5], vec![3, 4]]);
        assert_eq!(join(&[vec![1, 2], vec![3, 4]], 2, 3), vec![vec![3, 4, 2]]);
    }

    #[test]
    fn a_withdrawal_leaves_a_pair_partner_alone_but_not_a_trio() {
        assert_eq!(left_without_buddy(&[1, 2], 1), Some(2));
        assert_eq!(left_without_buddy(&[1, 2, 3], 1), None);
        assert_eq!(left_without_buddy(&[1, 2], 9), None);
    }
}

// Records shared by the store, the pages and the API.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyMember {
    pub participant_id: i64,
    pub name: String,
    /// Still enrolled in the course.
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuddyGroup {
    pub participant_ids: Vec<i64>,
    pub members: Vec<BuddyMember>,
    /// Members whose buddy has withdrawn and who need a new pair.
    pub needs_new_buddy: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pairing {
    pub id: Option<i64>,
    pub how: String,
    pub created_at: Option<String>,
    pub groups: Vec<BuddyGroup>,
    /// Enrolled participants who are in no group of this pairing (joined later).
    pub unpaired: Vec<i64>,
}

/// Groups set by hand: each inner list is a pair or a trio of participant ids.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ManualPairs {
    pub groups: Vec<Vec<i64>>,
}

impl Pairing {
    /// The names of a participant's active buddies, joined ("Ola og Kari" for a trio).
    pub fn buddies_of(&self, participant_id: i64) -> Option<String> {
        let group = self
            .groups
            .iter()
            .find(|g| g.participant_ids.contains(&participant_id))?;
        let names: Vec<&str> = group
            .members
            .iter()
            .filter(|m| m.participant_id != participant_id && m.active)
            .map(|m| m.name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(" / "))
    }
}
