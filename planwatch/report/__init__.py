"""Reports: render the Quarto documents in reports/ to PDF and HTML, with Quarto or without it."""
