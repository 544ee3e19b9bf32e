//! Writing a bank in other formats for other tools.

use super::model::Bank;

/// The bank as pretty JSON with the same field names as the RON.
pub fn to_json(bank: &Bank) -> String {
    // Serialising plain data to JSON cannot fail: every key is a string.
    let mut json = serde_json::to_string_pretty(bank).unwrap_or_default();
    json.push('\n');
    json
}

/// Reads a bank back from its JSON form.
pub fn from_json(text: &str) -> Result<Bank, String> {
    serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))
}
