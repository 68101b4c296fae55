import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// HTTP/1.1 over SwiftNIO, with TLS from NIOSSL for `https` addresses: one connection per
/// request, closed when the answer has been read.
///
/// coach already carries NIO for PostgreSQL; Foundation's URLSession would link
/// FoundationNetworking, libcurl and some 30 more libraries into every coach command
/// (about 10 ms of every start-up) for this one client.
public final class NIOTransport: LRSTransport {
  let timeout: Duration
  let trustRoots: NIOSSLTrustRoots
  /// The TLS context, made on the first `https` request and kept: making one reads the
  /// trust store.
  private let context = Mutex<NIOSSLContext?>(nil)

  /// - Parameters:
  ///   - timeout: how long to wait for the connection and the whole answer to one request.
  ///   - certificateAuthorities: a PEM file of the certificates an LRS's certificate must
  ///     chain to, instead of the system's (`/etc/ssl/certs`); for tests.
  public init(timeout: Duration = .seconds(60), certificateAuthorities: String? = nil) {
    self.timeout = timeout
    trustRoots = certificateAuthorities.map { .file($0) } ?? .default
  }

  public func post(_ request: LRSRequest) async throws(LRSTransportError) -> LRSResponse {
    guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = request.url.host, !host.isEmpty
    else {
      throw LRSTransportError(detail: "not an http or https address")
    }
    let secure = scheme == "https"
    let port = request.url.port ?? (secure ? 443 : 80)
    let timeout = timeout
    do {
      return try await withThrowingTaskGroup(of: LRSResponse?.self) { group in
        group.addTask { try await self.exchange(request, host: host, port: port, secure: secure) }
        group.addTask {
          try await Task.sleep(for: timeout)
          return nil
        }
        defer { group.cancelAll() }
        guard let answer = try await group.next() ?? nil else {
          throw LRSTransportError(detail: "no answer in time")
        }
        return answer
      }
    } catch let error as LRSTransportError {
      throw error
    } catch {
      throw LRSTransportError(detail: Self.explain(error), isLasting: Self.isLasting(error))
    }
  }

  /// Connects, sends the request and reads the whole answer.
  private func exchange(_ request: LRSRequest, host: String, port: Int, secure: Bool) async throws
    -> LRSResponse
  {
    let tls = secure ? try tlsContext() : nil
    let seconds = Int64(timeout.components.seconds)
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .connectTimeout(.seconds(max(1, seconds)))
      .connect(host: host, port: port) { channel in
        channel.eventLoop.makeCompletedFuture {
          if let tls {
            // The host name is checked against the certificate, and sent as SNI unless it is an address.
            let name = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
            try channel.pipeline.syncOperations.addHandler(
              NIOSSLClientHandler(context: tls, serverHostname: name))
          }
          try channel.pipeline.syncOperations.addHTTPClientHandlers()
          return try NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>(
            wrappingChannelSynchronously: channel)
        }
      }
    return try await channel.executeThenClose { inbound, outbound in
      var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: Self.target(of: request.url))
      let defaultPort = secure ? 443 : 80
      let named = host.contains(":") ? "[\(host)]" : host  // an IPv6 address
      head.headers.add(name: "Host", value: port == defaultPort ? named : "\(named):\(port)")
      for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
        head.headers.add(name: name, value: value)
      }
      head.headers.add(name: "Content-Length", value: "\(request.body.count)")
      head.headers.add(name: "Connection", value: "close")
      try await outbound.write(.head(head))
      try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: request.body))))
      try await outbound.write(.end(nil))

      var status: Int?
      var headers: [String: String] = [:]
      var body = ByteBuffer()
      for try await part in inbound {
        switch part {
        case .head(let answer):
          // An interim answer (100 Continue) comes before the real one.
          if answer.status.code < 200 { continue }
          status = Int(answer.status.code)
          for (name, value) in answer.headers { headers[name.lowercased()] = value }
        case .body(var bytes):
          body.writeBuffer(&bytes)
        case .end:
          guard let status else { continue }
          return LRSResponse(status: status, headers: headers, body: Data(body.readableBytesView))
        }
      }
      throw LRSTransportError(detail: "the connection was lost")
    }
  }

  private func tlsContext() throws -> NIOSSLContext {
    try context.withLock { context in
      if let context { return context }
      var configuration = TLSConfiguration.makeClientConfiguration()
      configuration.trustRoots = trustRoots
      let made = try NIOSSLContext(configuration: configuration)
      context = made
      return made
    }
  }

  /// The request target: the path and query of `url`, `/` when it has no path.
  static func target(of url: URL) -> String {
    let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
    let path = components?.percentEncodedPath ?? url.path
    let query = components?.percentEncodedQuery.map { "?\($0)" } ?? ""
    return (path.isEmpty ? "/" : path) + query
  }

  /// Whether a failure will be the same however often the request is sent: the LRS's
  /// certificate is refused.
  static func isLasting(_ error: any Error) -> Bool { refusedCertificate(error) != nil }

  /// Why the LRS's certificate was refused, in plain words, when that is the failure.
  private static func refusedCertificate(_ error: any Error) -> String? {
    if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
      return "the LRS's certificate is for another name"
    }
    // BoringSSL's reason names an untrusted certificate; its codes and paths say nothing more to a reader.
    if error is NIOSSLError || error is BoringSSLError, "\(error)".contains("CERTIFICATE_VERIFY_FAILED") {
      return "the LRS's certificate is not trusted (not signed by an authority in /etc/ssl/certs, or expired)"
    }
    return nil
  }

  /// A network failure in plain words.
  static func explain(_ error: any Error) -> String {
    switch error {
    case let error as NIOConnectionError:
      if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
        return "the host name is not known"
      }
      if let first = error.connectionErrors.first { return explain(first.error) }
      return "the host name is not known"
    case let error as IOError:
      switch error.errnoCode {
      case ECONNREFUSED: return "the connection was refused"
      case ECONNRESET, EPIPE: return "the connection was lost"
      case ENETUNREACH, EHOSTUNREACH: return "no network"
      case ETIMEDOUT: return "no answer in time"
      default: return "network error (\(String(cString: strerror(error.errnoCode))))"
      }
    case let error as ChannelError:
      switch error {
      case .connectTimeout: return "no answer in time"
      case .eof, .ioOnClosedChannel, .outputClosed, .alreadyClosed: return "the connection was lost"
      default: return "network error (\(error))"
      }
    case is NIOSSLError, is NIOSSLExtraError, is BoringSSLError:
      if let why = refusedCertificate(error) { return "the secure connection failed: \(why)" }
      return "the secure connection failed (TLS could not be agreed with the LRS)"
    case is HTTPParserError:
      return "the server's answer could not be read"
    default:
      return "network error (\(error))"
    }
  }
}
