import Foundation
import Testing
import XAPI

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `coach export xapi --lrs`: statements POSTed to a real LRS (ralph's, on 127.0.0.1) and
/// read back from it, sent again without a second copy; retries and refusals against a
/// stand-in LRS that fails on purpose.
@Suite(.timeLimit(.minutes(5))) struct XAPILRSTests {
  typealias Sample = XAPIExportTests.Sample
  static let user = "coach-test"
  static let password = "pw-\(UUID().uuidString.prefix(8))"

  /// GET /statements with a query, following `more` to the end.
  static func statements(_ endpoint: String, _ query: String) async throws -> [[String: Any]] {
    let origin = try #require(URL(string: endpoint).flatMap { URL(string: "/", relativeTo: $0) }?.absoluteURL)
    var next: URL? = URL(string: "\(endpoint)/statements?\(query)")
    var found: [[String: Any]] = []
    while let url = next {
      var request = URLRequest(url: url)
      request.setValue("1.0.3", forHTTPHeaderField: "X-Experience-API-Version")
      request.setValue(
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization"
      )
      let (data, response) = try await URLSession.shared.data(for: request)
      try #require(
        (response as? HTTPURLResponse)?.statusCode == 200, "\(String(decoding: data, as: UTF8.self))")
      let page = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
      found += page["statements"] as? [[String: Any]] ?? []
      let more = page["more"] as? String ?? ""
      next = more.isEmpty ? nil : URL(string: more, relativeTo: origin)?.absoluteURL
    }
    return found
  }

  @Test func statementsSentToRalphsLRSComeBackByRegistrationAndNeverTwice() async throws {
    let sample = try Sample.made.get()
    let folder = sample.folder + "/lrs-\(UUID().uuidString)"
    let lrs = try XAPITools.Server("lrs.py", [folder, Self.user, Self.password])
    defer { lrs.stop() }
    let file = sample.folder + "/sent-\(UUID().uuidString).jsonl"
    let environment = ["COACH_LRS_AUTH": "\(Self.user):\(Self.password)"]
    // One POST: ralph 5.1.0's fs backend stores the statements of one write per file
    // (a second write fails with "already exists and overwrite is not allowed").
    let sent = try sample.export(
      ["--lrs", lrs.url, "--batch-size", "1000", "-o", file], environment: environment)
    try #require(sent.status == 0, "\(sent.stderr)")
    let exported = try XAPIExportTests.statements(file)
    #expect(sent.stderr.contains("in 1 POST: \(exported.count) stored, 0 already there"), "\(sent.stderr)")
    #expect(!sent.stderr.contains(Self.password))

    // Sam's statements, read back by his registration.
    let sams = exported.filter { XAPIExportTests.actor($0) == "e7" }
    let registration = try #require((sams.first?["context"] as? [String: Any])?["registration"] as? String)
    let stored = try await Self.statements(lrs.url, "registration=\(registration)")
    #expect(stored.count == sams.count)
    #expect(Set(stored.compactMap { $0["id"] as? String }) == Set(sams.compactMap { $0["id"] as? String }))
    // A sample: the shared reflection, as sent.
    let reflection = try #require(
      sams.first { ($0["result"] as? [String: Any])?["response"] as? String == Sample.shared })
    let back = try #require(stored.first { $0["id"] as? String == reflection["id"] as? String })
    #expect((back["result"] as? [String: Any])?["response"] as? String == Sample.shared)
    #expect(XAPIExportTests.verb(back) == "responded")
    #expect(
      (back["object"] as? [String: Any])?["id"] as? String == (reflection["object"] as? [String: Any])?["id"]
        as? String)
    #expect(
      (back["timestamp"] as? String).flatMap(Self.date)
        == (reflection["timestamp"] as? String).flatMap(Self.date))

    // Sent again, in batches of 10: the LRS has them all already; it holds no second copy.
    let again = try sample.export(["--lrs", lrs.url, "--batch-size", "10"], environment: environment)
    try #require(again.status == 0, "\(again.stderr)")
    #expect(
      again.stderr.contains(
        "in \((exported.count + 9) / 10) POSTs: 0 stored, \(exported.count) already there"),
      "\(again.stderr)")
    #expect(try await Self.statements(lrs.url, "registration=\(registration)").count == sams.count)
    #expect(try await Self.statements(lrs.url, "limit=0").count == exported.count)

    // Wrong credentials: the LRS's refusal, in its words, and never the password.
    let refused = try sample.export(
      ["--lrs", lrs.url], environment: ["COACH_LRS_AUTH": "\(Self.user):not-\(Self.password)"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("refused the statements (HTTP 401)"), "\(refused.stderr)")
    #expect(!refused.stderr.contains(Self.password))
  }

  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
  }

  /// What the stand-in LRS saw: each POST's status, version header and statement count.
  struct Seen: Decodable {
    struct Post: Decodable {
      var status: Int
      var version: String?
      var authorization: String?
      var statements: Int?
    }
    var posts: [Post]
  }

  static func fake(_ status: Int, failures: Int, detail: String) throws -> XAPITools.Server {
    try XAPITools.Server("fake_lrs.py", ["\(status)", "\(failures)", detail])
  }

  @Test func serverErrorsAreRetriedWithBackoffUntilTheLRSAnswers() throws {
    let sample = try Sample.made.get()
    let lrs = try Self.fake(503, failures: 2, detail: "busy, try later")
    let run = try sample.export(
      ["--lrs", lrs.url, "--retries", "3"], environment: ["COACH_LRS_AUTH": "\(Self.user):\(Self.password)"])
    let seen = try JSONDecoder().decode(Seen.self, from: Data(lrs.stop().utf8))
    #expect(run.status == 0, "\(run.stderr)")
    #expect(seen.posts.map(\.status) == [503, 503, 200])
    #expect(seen.posts.allSatisfy { $0.version == "1.0.3" })
    let token = "Basic " + Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
    #expect(seen.posts.allSatisfy { $0.authorization == token })
    let count = try #require(seen.posts.last?.statements)
    #expect(run.stderr.contains("in 1 POST: \(count) stored, 0 already there, 2 retried"), "\(run.stderr)")
  }

  @Test func anLRSThatKeepsFailingEndsTheSendWithItsWords() throws {
    let sample = try Sample.made.get()
    let lrs = try Self.fake(500, failures: 100, detail: "database on fire")
    let run = try sample.export(["--lrs", lrs.url, "--retries", "1"])
    let seen = try JSONDecoder().decode(Seen.self, from: Data(lrs.stop().utf8))
    #expect(run.status == 1)
    #expect(seen.posts.count == 2)
    #expect(run.stderr.contains("kept failing (HTTP 500, 2 tries): database on fire"), "\(run.stderr)")
  }

  @Test func aRefusalStopsAtOnceWithTheLRSsTextAndNoCredentials() throws {
    let sample = try Sample.made.get()
    let lrs = try Self.fake(400, failures: 100, detail: "statement 3: verb.id is not an IRI")
    let run = try sample.export(
      ["--lrs", lrs.url, "--batch-size", "5"],
      environment: ["COACH_LRS_AUTH": "\(Self.user):\(Self.password)"])
    let seen = try JSONDecoder().decode(Seen.self, from: Data(lrs.stop().utf8))
    #expect(run.status == 1)
    #expect(seen.posts.count == 1)
    #expect(
      run.stderr.contains(
        "refused the statements (HTTP 400): statement 3: verb.id is not an IRI; nothing more was sent"),
      "\(run.stderr)")
    #expect(!run.stderr.contains(Self.password))
    #expect(!run.stderr.contains(Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()))
  }

  @Test func anLRSThatCannotBeReachedIsNamedAfterTheRetries() throws {
    let sample = try Sample.made.get()
    // Port 9 (discard) on the loopback: nothing listens there.
    let run = try sample.export(["--lrs", "http://127.0.0.1:9/xAPI", "--retries", "1"])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "cannot reach the LRS at http://127.0.0.1:9/xAPI/statements (the connection was refused; 2 tries)"),
      "\(run.stderr)")
  }

  /// A self-signed certificate for localhost and 127.0.0.1, and its key, made by openssl.
  static func selfSignedCertificate() throws -> (cert: String, key: String) {
    let folder = NSTemporaryDirectory() + "coach-tls-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let (cert, key) = (folder + "/cert.pem", folder + "/key.pem")
    let made = try XAPITools.runProcess(
      "/usr/bin/env",
      [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days",
        "2",
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
      ])
    try #require(made.status == 0, "openssl: \(made.stderr)")
    return (cert, key)
  }

  @Test func anHTTPSLRSIsReachedOverTLSAndAnUntrustedCertificateIsRefused() async throws {
    let sample = try Sample.made.get()
    let tls = try Self.selfSignedCertificate()
    let lrs = try XAPITools.Server(
      "fake_lrs.py", ["500", "0"], environment: ["FAKE_LRS_TLS": "\(tls.cert):\(tls.key)"])
    #expect(lrs.url.hasPrefix("https://localhost:"))
    // coach trusts the system's certificates: a self-signed LRS is refused before a byte is
    // sent, at once (no retry can change a certificate).
    // "1 try" below, though 5 retries are allowed.
    let run = try sample.export(["--lrs", lrs.url, "--retries", "5"])
    #expect(run.status == 1)
    #expect(
      run.stderr.contains(
        "cannot reach the LRS at \(lrs.url)/statements (the secure connection failed: "
          + "the LRS's certificate is not trusted (not signed by an authority in /etc/ssl/certs, or expired); 1 try)"
      ),
      "\(run.stderr)")
    // Trusting that certificate, the transport posts over TLS and reads the whole answer.
    let transport = NIOTransport(timeout: .seconds(30), certificateAuthorities: tls.cert)
    let url = try #require(URL(string: lrs.url + "/statements"))
    let answer = try await transport.post(
      LRSRequest(
        url: url, headers: ["Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"],
        body: Data(#"[{"id": "a"}, {"id": "b"}]"#.utf8)))
    #expect(answer.status == 200)
    #expect(answer.headers["content-type"] == "application/json")
    #expect(String(decoding: answer.body, as: UTF8.self) == #"["a", "b"]"#)
    // By its address, checked against the certificate's IP address (no SNI for an address).
    let byAddress = try #require(
      URL(string: lrs.url.replacingOccurrences(of: "//localhost:", with: "//127.0.0.1:") + "/statements"))
    let again = try await transport.post(LRSRequest(url: byAddress, body: Data(#"[{"id": "c"}]"#.utf8)))
    #expect(String(decoding: again.body, as: UTF8.self) == #"["c"]"#)
    let seen = try JSONDecoder().decode(Seen.self, from: Data(lrs.stop().utf8))
    #expect(seen.posts.map(\.statements) == [2, 1])
    #expect(seen.posts.first?.version == "1.0.3")
  }

  // Not timed against a clock: tests that block their threads can hold up the 1 s timer
  // (36 s once in CI); the limit catches a timeout that never fires.
  @Test(.timeLimit(.minutes(3))) func anLRSThatTakesTheConnectionButNeverAnswersTimesOut() async throws {
    // A socket that listens and never accepts: the kernel completes the connection, and
    // nothing ever answers.
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(listener >= 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, $0, &length) == 0
      }
    }
    try #require(bound)
    let port = Int(UInt16(bigEndian: address.sin_port))
    let url = try #require(URL(string: "http://127.0.0.1:\(port)/xAPI/statements"))
    await #expect(throws: LRSTransportError(detail: "no answer in time")) {
      _ = try await NIOTransport(timeout: .seconds(1)).post(LRSRequest(url: url, body: Data("[]".utf8)))
    }
  }
}
