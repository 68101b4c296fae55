import Foundation
import Testing

@testable import XAPI

/// SHA-1, name-based UUIDs, times and activity ids, checked against published vectors and
/// Python's own uuid and datetime modules.
@Suite struct IdentifierTests {
  static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

  @Test func sha1MatchesTheFIPSVectors() {
    #expect(Self.hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    #expect(Self.hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
    let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(Self.hex(SHA1.digest(Array(long.utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
  }

  @Test func version5UUIDsMatchPythons() throws {
    let dns = try #require(UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8"))
    #expect(
      NameUUID.v5("python.org", in: dns).uuidString.lowercased() == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
    #expect(NameUUID.v5("coach xAPI statements", in: NameUUID.urlNamespace) == NameUUID.coachNamespace)
    let seed = SeededRandom.seed()
    var random = SeededRandom(seed: seed)
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 -_/é\u{1F600}\n")
    let names = (0..<200).map { _ in
      String(
        (0..<Int.random(in: 0...70, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }
    let script = """
      from sys import stdin
      from json import dumps, load
      from uuid import UUID, uuid5
      ns = UUID('\(NameUUID.coachNamespace.uuidString)')
      print(dumps([str(uuid5(ns, n)) for n in load(stdin)]))
      """
    let input = String(decoding: try JSONSerialization.data(withJSONObject: names), as: UTF8.self)
    let expected =
      try JSONSerialization.jsonObject(with: Data(try Python.run(script, input: input).utf8)) as? [String]
    #expect(names.map { NameUUID.v5($0).uuidString.lowercased() } == expected, "seed \(seed)")
  }

  @Test func timestampsAreISO8601InUTCToTheMillisecondAsPythonReadsThem() throws {
    #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_709_210_096.789)) == "2024-02-29T12:34:56.789Z")
    #expect(Timestamp.iso8601(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
    let seed = SeededRandom.seed()
    var random = SeededRandom(seed: seed)
    let milliseconds = (0..<300).map { _ in Int64.random(in: 0...4_102_444_800_000, using: &random) }
    let stamps = milliseconds.map { Timestamp.iso8601(Date(timeIntervalSince1970: Double($0) / 1000)) }
    let script = """
      from sys import stdin
      from json import dumps, load
      from datetime import datetime, timezone
      out = []
      for s in load(stdin):
          d = datetime.fromisoformat(s)
          assert d.tzinfo is not None and d.utcoffset().total_seconds() == 0
          out.append(round((d - datetime(1970, 1, 1, tzinfo=timezone.utc)).total_seconds() * 1000))
      print(dumps(out))
      """
    let input = String(decoding: try JSONSerialization.data(withJSONObject: stamps), as: UTF8.self)
    let read =
      try JSONSerialization.jsonObject(with: Data(try Python.run(script, input: input).utf8)) as? [Int64]
    #expect(read == milliseconds, "seed \(seed)")
    for stamp in stamps {
      let back = try #require(Timestamp.parse(stamp))
      #expect(Timestamp.iso8601(back) == stamp, "seed \(seed)")
    }
  }

  @Test func sinceReadsDaysAndTimesWithAZoneAndNothingElse() {
    #expect(Timestamp.parse("2026-05-04") == Date(timeIntervalSince1970: 1_777_852_800))
    #expect(Timestamp.parse("2026-05-04T09:30:00Z") == Date(timeIntervalSince1970: 1_777_887_000))
    #expect(Timestamp.parse("2026-05-04T11:30:00+02:00") == Date(timeIntervalSince1970: 1_777_887_000))
    #expect(Timestamp.parse("2026-05-04T09:30Z") == Date(timeIntervalSince1970: 1_777_887_000))
    #expect(Timestamp.parse("2026-05-04T09:30:00.250Z") == Date(timeIntervalSince1970: 1_777_887_000.25))
    for bad in [
      "", "2026-5-4", "2026-02-30", "2026-13-01", "2026-05-04T09:30:00", "2026-05-04T24:00:00Z",
      "2026-05-04 09:30Z",
      "2026-05-04T09:30:00+2", "yesterday", "2026-05-04T09:30:00.Z",
    ] {
      #expect(Timestamp.parse(bad) == nil, "\(bad)")
    }
  }

  @Test func activityIdsPercentEncodeEveryIdPart() {
    let iri = ActivityIRI(base: "https://lrs.example.com/acme", courseID: "service 101")
    #expect(iri.course == "https://lrs.example.com/acme/courses/service%20101")
    #expect(
      iri.item("mod/ule", "café", "q?#1")
        == "https://lrs.example.com/acme/courses/service%20101/modules/mod%2Fule/sections/caf%C3%A9/items/q%3F%231"
    )
    #expect(ActivityIRI.encode("a-b.c_d~e") == "a-b.c_d~e")
  }

  @Test func componentIdsAreDistinctWordsWithoutSpaces() {
    #expect(
      Interaction.componentIDs([
        "Look up", "Smile!", "smile", "Éclair & café", "???", String(repeating: "ab ", count: 30),
        "The guests are loyal and will book with you again next year",
      ])
        == [
          "look-up", "smile", "smile-2", "eclair-cafe", "5",
          "ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab-ab", "the-guests-are-loyal-and-will-book-with-you",
        ])
  }
}
