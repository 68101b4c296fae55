/// A JSON value whose objects keep their keys in the order written, so the outline reads
/// in the contract's order.
enum JSONValue {
  case string(String)
  case int(Int)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// The value as indented JSON.
  func rendered() -> String {
    var out = ""
    write(to: &out, indent: 0)
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .string(let s): Self.writeString(s, to: &out)
    case .int(let n): out += String(n)
    case .array(let values):
      guard !values.isEmpty else {
        out += "[]"
        return
      }
      let scalars = values.allSatisfy {
        if case .array = $0 { false } else if case .object = $0 { false } else { true }
      }
      if scalars && values.count <= 8 {
        out += "["
        for (index, value) in values.enumerated() {
          if index > 0 { out += ", " }
          value.write(to: &out, indent: indent)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (index, value) in values.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        value.write(to: &out, indent: indent + 2)
        out += index == values.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let fields):
      guard !fields.isEmpty else {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in fields.enumerated() {
        out += String(repeating: " ", count: indent + 2)
        Self.writeString(key, to: &out)
        out += ": "
        value.write(to: &out, indent: indent + 2)
        out += index == fields.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  private static func writeString(_ s: String, to out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
