//! COS error codes (stub: being written).
