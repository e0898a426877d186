//! STUB until the domain branch lands.
pub fn palette() -> &'static [&'static str] {
    super::model::PALETTE
}
