import CourseModel
import Foundation
import Printing
import Testing

@Suite("HTML escaping and Markdown to HTML")
struct HTMLTests {
  @Test("Text and attributes are escaped")
  func escaping() {
    #expect(HTML.escape("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
    #expect(HTML.escape("plain") == "plain")
    #expect(HTML.escape("\"quoted\" 'single'") == "\"quoted\" 'single'")
    #expect(HTML.escapeAttribute("say \"hi\" & <go>") == "say &quot;hi&quot; &amp; &lt;go&gt;")
  }

  @Test("Only http, https and mailto addresses are kept")
  func linkAddresses() {
    #expect(HTML.safeLinkAddress("https://example.com/a?b=1") == "https://example.com/a?b=1")
    #expect(HTML.safeLinkAddress(" HTTP://EXAMPLE.COM ") == "HTTP://EXAMPLE.COM")
    #expect(HTML.safeLinkAddress("mailto:hr@example.com") == "mailto:hr@example.com")
    for refused in [
      "javascript:alert(1)", "JavaScript:alert(1)", "java\tscript:alert(1)", "https://exa mple.com",
      "data:text/html,<b>", "file:///etc/passwd", "02-next.md", "#top", "", "vbscript:x", "https:\n//x",
    ] {
      #expect(HTML.safeLinkAddress(refused) == nil, "\(refused.debugDescription) was kept")
    }
  }

  @Test("Every inline kind is rendered, raw HTML is dropped")
  func inlines() {
    let inlines: [Inline] = [
      .text("a < b "), .code("x<y"), .text(" "), .emphasis([.text("em")]), .text(" "),
      .strong([.text("strong")]), .text(" "),
      .link(destination: "https://e.com/?a=1&b=2", title: "T \"q\"", [.text("safe")]),
      .text(" "), .link(destination: "javascript:alert(1)", title: "", [.text("unsafe")]), .text(" "),
      .image(source: "chart.png", title: "", [.text("a chart")]), .softBreak, .text("next"), .lineBreak,
      .html("<script>alert(1)</script>"), .text("end"),
    ]
    #expect(
      inlines.html
        == "a &lt; b <code>x&lt;y</code> <em>em</em> <strong>strong</strong> "
        + "<a href=\"https://e.com/?a=1&amp;b=2\" title=\"T &quot;q&quot;\">safe</a> unsafe "
        + "<span class=\"image\">[image: a chart]</span>\nnext<br>\nend")
  }

  @Test("Every block kind is rendered, raw HTML blocks are dropped")
  func blocks() {
    let blocks: [Block] = [
      Block(.heading(level: 3, [.text("Sub")])),
      Block(.paragraph([.text("One.")])),
      Block(
        .list(
          ordered: false, start: 1, tight: true,
          items: [[Block(.paragraph([.text("a")]))], [Block(.paragraph([.text("b")]))]])),
      Block(.list(ordered: true, start: 3, tight: false, items: [[Block(.paragraph([.text("c")]))]])),
      Block(.list(ordered: true, start: 1, tight: true, items: [[Block(.paragraph([.text("d")]))]])),
      Block(.blockQuote([Block(.paragraph([.text("quoted")]))])),
      Block(.codeBlock(info: "swift extra", code: "let a = b < c\n")),
      Block(.codeBlock(info: "bad\"lang", code: "x")),
      Block(.htmlBlock("<div onclick=\"x()\">raw</div>")),
      Block(.thematicBreak),
      Block(.heading(level: 9, [.text("Deep")])),
    ]
    #expect(
      blocks.html == """
        <h3>Sub</h3>
        <p>One.</p>
        <ul>
        <li>a</li>
        <li>b</li>
        </ul>
        <ol start="3">
        <li><p>c</p></li>
        </ol>
        <ol>
        <li>d</li>
        </ol>
        <blockquote>
        <p>quoted</p>
        </blockquote>
        <pre><code class="language-swift">let a = b &lt; c
        </code></pre>
        <pre><code>x</code></pre>
        <hr>
        <h6>Deep</h6>

        """)
  }

  @Test("A page is self-contained: inline CSS, print rules, no script and nothing to load")
  func page() {
    let html = HTMLPage(
      title: "A <title>", body: "<p>Body</p>", css: ".extra { color: red; }", footer: "Course \"A\" </style>"
    ).html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<title>A &lt;title&gt;</title>"))
    #expect(html.contains("<meta charset=\"utf-8\">"))
    #expect(
      html.contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"))
    #expect(html.contains("@page { margin: 18mm 17mm 20mm 17mm; }"))
    #expect(html.contains(".new-page { break-before: page;"))
    #expect(html.contains(".extra { color: red; }"))
    #expect(html.contains("content: \"Course \\\"A\\\" \\3c /style> \u{B7} \" \"page \" counter(page)"))
    #expect(html.components(separatedBy: "</style>").count == 2, "the footer text closed the style element")
    for forbidden in ["<script", "<link", "src=", "@import", "url("] {
      #expect(!html.contains(forbidden), "the page holds \(forbidden)")
    }
    #expect(html.hasSuffix("<p>Body</p>\n</body>\n</html>\n"))
  }
}
