//! Groups and their rights on collections, from the `[groups.NAME]` tables of `lotse.toml`.

use crate::Access;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// What one group may do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRights {
    #[serde(default)]
    pub read: BTreeSet<String>,
    #[serde(default)]
    pub write: BTreeSet<String>,
    #[serde(default)]
    pub admin: bool,
}

/// Group name → rights. Users and proxy identities get the union of their groups' rights;
/// a group the policy doesn't name grants nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    groups: BTreeMap<String, GroupRights>,
}

impl Policy {
    /// Checks the collection names of every group.
    pub fn new(groups: BTreeMap<String, GroupRights>) -> Result<Policy, String> {
        for (name, rights) in &groups {
            for c in rights.read.iter().chain(&rights.write) {
                lotse_core::validate_collection(c).map_err(|e| format!("groups.{name}: {e}"))?;
            }
        }
        Ok(Policy { groups })
    }

    pub fn access(&self, groups: &[String]) -> Access {
        groups
            .iter()
            .filter_map(|g| self.groups.get(g))
            .fold(Access::default(), |acc, r| {
                acc.union(&Access {
                    admin: r.admin,
                    read: r.read.clone(),
                    write: r.write.clone(),
                })
            })
    }

    pub fn knows(&self, group: &str) -> bool {
        self.groups.contains_key(group)
    }

    pub fn groups(&self) -> impl Iterator<Item = &str> {
        self.groups.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_get_the_union_of_their_groups_and_unknown_groups_grant_nothing() {
        let mut groups = BTreeMap::new();
        groups.insert(
            "personalamt".to_string(),
            GroupRights {
                read: ["allgemein".to_string()].into(),
                write: ["personal".to_string()].into(),
                admin: false,
            },
        );
        groups.insert(
            "bauamt".to_string(),
            GroupRights {
                read: ["bauamt".to_string()].into(),
                ..GroupRights::default()
            },
        );
        let policy = Policy::new(groups).unwrap();
        let a = policy.access(&["bauamt".into(), "personalamt".into(), "fremd".into()]);
        assert_eq!(
            a.read,
            ["allgemein", "bauamt"]
                .map(String::from)
                .into_iter()
                .collect()
        );
        assert_eq!(a.write, ["personal".to_string()].into());
        assert_eq!(policy.access(&["fremd".into()]), Access::default());

        let mut bad = BTreeMap::new();
        bad.insert(
            "x".to_string(),
            GroupRights {
                read: ["../etc".to_string()].into(),
                ..GroupRights::default()
            },
        );
        assert!(Policy::new(bad).unwrap_err().contains("groups.x"));
    }
}
