/// Activity ids: `<base>/courses/<course>`, then `/modules/<module>`, `/sections/<section>`
/// and `/items/<item>`, each id percent-encoded (RFC 3986: everything but letters, digits
/// and `-._~`), so any id a course uses makes a valid IRI.
public struct ActivityIRI: Sendable, Hashable {
  public let base: String
  public let courseID: String

  public init(base: String, courseID: String) {
    self.base = base
    self.courseID = courseID
  }

  public var course: String { "\(base)/courses/\(Self.encode(courseID))" }
  public var introduction: String { "\(course)/introduction" }
  public func module(_ module: String) -> String { "\(course)/modules/\(Self.encode(module))" }
  public func overview(_ module: String) -> String { "\(self.module(module))/overview" }
  public func section(_ module: String, _ section: String) -> String {
    "\(self.module(module))/sections/\(Self.encode(section))"
  }
  public func item(_ module: String, _ section: String, _ item: String) -> String {
    "\(self.section(module, section))/items/\(Self.encode(item))"
  }

  /// `text` with every byte but ASCII letters, digits and `-._~` written as `%XX`.
  public static func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" + hex : hex)
      }
    }
    return out.isEmpty ? "-" : out
  }
}
