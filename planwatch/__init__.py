"""planwatch: the analytics warehouse that follows Hải Phòng's 2026–2030 action programme."""
