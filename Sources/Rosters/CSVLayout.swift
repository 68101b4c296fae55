/// Where each record and field of a CSV text starts, found by one strict pass over the
/// quoting rules of RFC 4180.
///
/// CSV.swift reads the fields; it is lenient where a roster must not be: a quoted field
/// never closed runs to the end of the file, and text after a closing quote is kept.
/// This pass refuses both, naming the line and column, and gives every field's position
/// so that later problems (a bad id, a missing name) can name theirs.
struct CSVLayout {
  struct Position: Hashable {
    var line: Int
    var column: Int
  }

  /// Each record's fields' starting positions, in order.
  var records: [[Position]] = []

  init(_ text: String, file: String) throws(RosterError) {
    var line = 1
    var column = 1
    var fields: [Position] = [Position(line: 1, column: 1)]
    var state = State.fieldStart
    var quoteOpened = Position(line: 1, column: 1)
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar?
    func fail(_ at: Position, _ message: String) -> RosterError {
      RosterError(file: file, line: at.line, column: at.column, message: message)
    }
    while let scalar = pending ?? scalars.next() {
      pending = nil
      let here = Position(line: line, column: column)
      var isBreak = false
      if scalar == "\r" {
        if let next = scalars.next(), next != "\n" { pending = next }
        isBreak = true
      } else if scalar == "\n" {
        isBreak = true
      }
      switch state {
      case .fieldStart, .unquoted:
        if scalar == "\"" {
          guard state == .fieldStart else {
            throw fail(
              here,
              "a quote inside a field that does not start with one; quote the whole field and double the quote (\"\")"
            )
          }
          state = .quoted
          quoteOpened = here
        } else if scalar == "," {
          fields.append(Position(line: line, column: column + 1))
          state = .fieldStart
        } else if isBreak {
          records.append(fields)
          fields = [Position(line: line + 1, column: 1)]
          state = .fieldStart
        } else {
          state = .unquoted
        }
      case .quoted:
        if scalar == "\"" { state = .quoteInQuoted }
      case .quoteInQuoted:
        if scalar == "\"" {
          state = .quoted
        } else if scalar == "," {
          fields.append(Position(line: line, column: column + 1))
          state = .fieldStart
        } else if isBreak {
          records.append(fields)
          fields = [Position(line: line + 1, column: 1)]
          state = .fieldStart
        } else {
          throw fail(
            here,
            "text after the closing quote of a field; a quote inside a quoted field is written twice (\"\")")
        }
      }
      if isBreak {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    if state == .quoted {
      throw fail(quoteOpened, "this quoted field is never closed: a quote (\") is missing")
    }
    // A last record without a line break after it.
    if !(fields.count == 1 && state == .fieldStart && fields[0].column == 1 && fields[0].line == line) {
      records.append(fields)
    }
  }

  private enum State {
    case fieldStart, unquoted, quoted, quoteInQuoted
  }
}
