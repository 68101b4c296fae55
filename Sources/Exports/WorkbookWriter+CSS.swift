extension WorkbookWriter {
  /// The workbook's own rules, on top of the shared print rules of `HTMLPage`. Nothing
  /// relies on colour alone: ticks, labels and borders carry the meaning in black and white.
  static let css = """
    .cover { margin-bottom: 1.5em; }
    .cover h1 { font-size: 26pt; margin: 0.2em 0 0.3em; }
    .edition { font: 600 10pt/1.3 "DejaVu Sans", "Liberation Sans", sans-serif; text-transform: uppercase; \
    letter-spacing: 0.06em; margin: 0; }
    .for, .audience, .module-number { font: 10pt/1.3 "DejaVu Sans", "Liberation Sans", sans-serif; color: #333; }
    .module-number { margin: 0 0 0.2em; text-transform: uppercase; letter-spacing: 0.06em; }
    .audience { margin-top: -0.3em; }
    .signature.name { max-width: 30em; margin: 2em 0 1em; }
    .contents { margin: 0.8em 0 1em; }
    .contents .audience { margin-left: 0.6em; }
    .contents .audience::before { content: "("; }
    .contents .audience::after { content: ")"; }
    h2 .kind { display: block; font-size: 9pt; font-weight: 600; text-transform: uppercase; \
    letter-spacing: 0.08em; color: #444; margin-bottom: 0.15em; }
    .number { font: 700 11pt/1.45 "DejaVu Sans", "Liberation Sans", sans-serif; }
    .question, .belief { display: flex; align-items: baseline; margin: 0 0 1.1em; }
    .question > .number, .belief > .number { flex: 0 0 2em; }
    .question > .body, .belief > .body { flex: 1; min-width: 0; }
    .prompt { font-weight: 700; }
    p.prompt, .instruction, .answer .label { break-after: avoid; page-break-after: avoid; }
    ul.choices li, ul.order, ol.options, .answer, .explanation, .hint, .write { break-inside: avoid; \
    page-break-inside: avoid; }
    p.prompt { margin-bottom: 0.3em; }
    .instruction { font: italic 9.5pt/1.3 "DejaVu Sans", "Liberation Sans", sans-serif; color: #333; \
    margin: 0 0 0.35em; }
    ul.choices, ul.order, ol.options { list-style: none; padding-left: 0.3em; }
    ul.choices li, ul.order li, ol.options li { display: flex; align-items: flex-start; gap: 0.55em; \
    margin: 0.3em 0; }
    ul.choices .box { flex: none; margin-top: 0.25em; }
    ul.order .blank { flex: none; width: 2.2em; height: 1.25em; }
    ol.options .letter { flex: none; width: 1.2em; font-weight: 700; font-family: "DejaVu Sans", sans-serif; }
    table.grid { border-collapse: collapse; margin: 0.5em 0 0.4em 0.3em; font-size: 10pt; break-inside: avoid; }
    table.grid th, table.grid td { border: 1px solid #777; padding: 0.25em 0.45em; }
    table.grid thead th { text-align: center; min-width: 1.6em; font-family: "DejaVu Sans", sans-serif; }
    table.grid tbody th { text-align: left; font-weight: 400; max-width: 26em; }
    table.grid td { text-align: center; }
    .write { margin: 0.2em 0 0.4em 0.3em; }
    table.scale { width: 100%; border-collapse: collapse; margin: 0.3em 0 1.1em; font-size: 10pt; }
    table.scale th, table.scale td { border-bottom: 1px solid #999; padding: 0.35em 0.3em; }
    table.scale thead th { font: 8pt/1.2 "DejaVu Sans", "Liberation Sans", sans-serif; text-align: center; \
    vertical-align: bottom; width: 9%; }
    table.scale thead th:first-child { width: auto; }
    table.scale .point { font-weight: 700; }
    table.scale tbody tr { break-inside: avoid; }
    table.scale tbody th { text-align: left; font-weight: 400; }
    table.scale .row { display: flex; align-items: baseline; }
    table.scale .row .number { flex: 0 0 2em; font-size: 10pt; }
    table.scale .prompt { font-weight: 700; }
    table.scale .row p { margin: 0.2em 0 0; font-weight: 400; }
    table.scale td { text-align: center; vertical-align: middle; }
    table.scale .box { width: 1.2em; height: 1.2em; }
    ol.creed { padding-left: 1.6em; }
    ol.creed li { margin: 0 0 0.9em; }
    ol.creed .statement { font-weight: 700; margin-bottom: 0.2em; }
    ol.creed .write { margin-left: 0; }
    .box.ticked { font-weight: 700; }
    li.right .text { font-weight: 700; }
    .mark { font: 600 8.5pt/1 "DejaVu Sans", sans-serif; white-space: nowrap; }
    .feedback { margin: 0.1em 0 0.2em; font-size: 9.5pt; font-style: italic; color: #222; }
    .answer, .explanation, .hint { margin: 0.4em 0 0.4em 0.3em; padding: 0.3em 0.6em; font-size: 10pt; \
    border-left: 3px double #111; }
    .answer ol, .answer ul { margin: 0.2em 0; }
    .answer .label, .explanation .label, .hint .label, .facilitator .label { font: 600 8.5pt/1.3 "DejaVu Sans", \
    "Liberation Sans", sans-serif; text-transform: uppercase; letter-spacing: 0.06em; margin: 0 0 0.2em; }
    .hint .label, p.answer .label { margin-right: 0.3em; }
    .explanation p:last-child, .answer p:last-child { margin-bottom: 0; }
    .accepted { font-weight: 700; }
    aside.facilitator { margin: 0.7em 0 1em; padding: 0.5em 0.8em; border: 1.5px dashed #111; \
    border-left-width: 6px; border-left-style: solid; background: #ececec; print-color-adjust: exact; \
    -webkit-print-color-adjust: exact; break-inside: avoid; font-size: 10pt; }
    aside.facilitator p:last-child { margin-bottom: 0; }

    """
}
