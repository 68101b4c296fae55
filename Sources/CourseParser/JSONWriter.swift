/// Writes indented JSON straight into bytes, keys in the order written, so the outline
/// reads in the contract's order.
///
/// Objects and arrays of objects take a line per member; an array of up to eight
/// scalars stays on one line (`["a", "b"]`). Strings escape what JSON requires and also
/// DEL, C1 controls and bidirectional overrides (as `\u0085`, `\u202e`), so printing the
/// outline on a terminal cannot act on course text.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  private var indent = 0
  /// For each open container: whether nothing has been written in it yet.
  private var empty: [Bool] = []

  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// Opens an object as the next value (after ``key(_:)``, or as an array element).
  mutating func openObject() {
    bytes.append(UInt8(ascii: "{"))
    open()
  }

  mutating func closeObject() { close(UInt8(ascii: "}")) }

  /// Opens an array that takes a line per element.
  mutating func openArray() {
    bytes.append(UInt8(ascii: "["))
    open()
  }

  mutating func closeArray() { close(UInt8(ascii: "]")) }

  /// Starts the next element of an open array.
  mutating func element() { separate() }

  /// Starts a member of an open object.
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    bytes.append(UInt8(ascii: " "))
  }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { Self.writeString($0, to: &bytes) }
  }

  mutating func int(_ value: Int) {
    if (0..<10).contains(value) {
      bytes.append(UInt8(ascii: "0") + UInt8(value))
    } else {
      bytes.append(contentsOf: String(value).utf8)
    }
  }

  /// An array of strings: on one line when it has at most eight.
  mutating func strings(_ values: [String]) {
    scalars(values.count) { $0.string(values[$1]) }
  }

  /// An array of integers, laid out as ``strings(_:)``.
  mutating func ints(_ values: [Int]) {
    scalars(values.count) { $0.int(values[$1]) }
  }

  private mutating func scalars(_ count: Int, _ write: (inout JSONWriter, Int) -> Void) {
    if count == 0 {
      bytes.append(UInt8(ascii: "["))
      bytes.append(UInt8(ascii: "]"))
    } else if count <= 8 {
      bytes.append(UInt8(ascii: "["))
      for index in 0..<count {
        if index > 0 {
          bytes.append(UInt8(ascii: ","))
          bytes.append(UInt8(ascii: " "))
        }
        write(&self, index)
      }
      bytes.append(UInt8(ascii: "]"))
    } else {
      openArray()
      for index in 0..<count {
        element()
        write(&self, index)
      }
      closeArray()
    }
  }

  private mutating func open() {
    indent += 2
    empty.append(true)
  }

  private mutating func close(_ bracket: UInt8) {
    indent -= 2
    if !empty.removeLast() {
      bytes.append(UInt8(ascii: "\n"))
      pad()
    }
    bytes.append(bracket)
  }

  private mutating func separate() {
    if empty[empty.count - 1] {
      empty[empty.count - 1] = false
      bytes.append(UInt8(ascii: "\n"))
    } else {
      bytes.append(UInt8(ascii: ","))
      bytes.append(UInt8(ascii: "\n"))
    }
    pad()
  }

  private mutating func pad() {
    for _ in 0..<indent { bytes.append(UInt8(ascii: " ")) }
  }

  /// 1 for each byte a string cannot hold as it is: the quote, the backslash, C0, DEL,
  /// and the lead bytes of C1 (0xC2) and of the bidi controls (0xE2), looked at closer.
  private static let special: [UInt8] = (0...255).map { byte in
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 ? 1 : 0
  }

  /// Writes a quoted string: runs of plain bytes are copied at once.
  private static func writeString(_ source: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let table = special
    var runStart = 0
    var index = 0
    let count = source.count
    func flush(_ end: Int) {
      if end > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<end])) }
    }
    func escape(_ value: UInt32) {
      let digits: StaticString = "0123456789abcdef"
      out.append(UInt8(ascii: "\\"))
      out.append(UInt8(ascii: "u"))
      digits.withUTF8Buffer { hex in
        for shift in stride(from: 12, through: 0, by: -4) {
          out.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
      }
    }
    while index < count {
      while index < count && table[Int(source[index])] == 0 { index += 1 }
      guard index < count else { break }
      let byte = source[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        flush(index)
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
        index += 1
      case 0x0A, 0x0D, 0x09:
        flush(index)
        out.append(UInt8(ascii: "\\"))
        out.append(byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t"))
        index += 1
      case 0xC2:
        guard index + 1 < count, (0x80...0x9F).contains(source[index + 1]) else {
          index += 1
          continue
        }
        flush(index)
        escape(UInt32(source[index + 1]))
        index += 2
      case 0xE2:
        guard index + 2 < count, source[index + 1] & 0xF0 == 0x80 else {
          index += 1
          continue
        }
        let value = 0x2000 | (UInt32(source[index + 1] & 0x3F) << 6) | UInt32(source[index + 2] & 0x3F)
        guard (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) else {
          index += 1
          continue
        }
        flush(index)
        escape(value)
        index += 3
      default:
        // The other C0 controls and DEL.
        flush(index)
        escape(UInt32(byte))
        index += 1
      }
      runStart = index
    }
    flush(count)
    out.append(UInt8(ascii: "\""))
  }
}
