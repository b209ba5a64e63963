//! The CAMEO event codes with their GDELT quad class and Goldstein score,
//! read from `data/cameo.tsv` (compiled in).

use std::collections::HashMap;
use std::sync::OnceLock;

/// What the table says about one CAMEO code.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    /// The code's English name ("Make statement, not specified below").
    pub name: String,
    /// The GDELT Goldstein score, from -10 (most conflictual) to +10.
    pub goldstein: f64,
    /// The GDELT quad class: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad: i64,
}

const CAMEO_TSV: &str = include_str!("../data/cameo.tsv");

fn table() -> &'static HashMap<String, CameoCode> {
    static TABLE: OnceLock<HashMap<String, CameoCode>> = OnceLock::new();
    TABLE.get_or_init(|| {
        CAMEO_TSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let cols: Vec<&str> = line.split('\t').collect();
                let (code, name, goldstein, quad) = (cols.first()?, cols.get(3)?, cols.get(4)?, cols.get(6)?);
                Some((
                    (*code).to_owned(),
                    CameoCode { name: (*name).to_owned(), goldstein: goldstein.parse().ok()?, quad: quad.parse().ok()? },
                ))
            })
            .collect()
    })
}

/// The entry of `code`, or of its root when the code itself is not listed.
pub fn lookup(code: &str) -> Option<&'static CameoCode> {
    let t = table();
    t.get(code).or_else(|| code.get(..2).and_then(|root| t.get(root)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_carry_quad_and_goldstein() {
        let telephone = lookup("043").expect("043 is a CAMEO code");
        assert_eq!(telephone.quad, 1);
        let fight = lookup("190").expect("190 is a CAMEO code");
        assert_eq!(fight.quad, 4);
        assert!(fight.goldstein < -5.0);
        assert_eq!(lookup("1999").map(|c| c.quad), Some(4), "unknown sub-codes fall back to the root");
    }
}
