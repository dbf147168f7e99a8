using System.Text;
using Warta.Web.Newsroom.Wire;

namespace Warta.Tests.Newsroom;

public class WireParserTests
{
    [Theory]
    [InlineData("Sun, 29 Nov 2026 01:30:00 GMT", "2026-11-29T01:30:00+00:00")]
    [InlineData("Sun, 29 Nov 2026 08:30:00 +0700", "2026-11-29T01:30:00+00:00")]
    [InlineData("29 Nov 2026 08:30:00 WIB", "2026-11-29T01:30:00+00:00")]
    [InlineData("2026-11-29T08:30:00+07:00", "2026-11-29T01:30:00+00:00")]
    [InlineData("2026-11-29T01:30:00Z", "2026-11-29T01:30:00+00:00")]
    public void Agency_dates_are_read_in_their_usual_spellings(string text, string utc) =>
        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), WireParser.AgencyDate(text));

    [Fact]
    public void An_unreadable_date_costs_the_item_its_time_not_the_feed()
    {
        var rss = """
            <rss version="2.0"><channel><title>x</title><link>https://x.example/</link><description>x</description>
              <item><title>Tanpa tanggal jelas</title><guid>d-1</guid><pubDate>kemarin sore</pubDate><description>Isi.</description></item>
            </channel></rss>
            """;
        var entry = Assert.Single(WireParser.Parse(Encoding.UTF8.GetBytes(rss)));
        Assert.Equal(("Tanpa tanggal jelas", (DateTimeOffset?)null), (entry.Title, entry.AgencyTime));
    }

    [Fact]
    public void An_item_without_a_title_takes_its_summary_and_an_overlong_guid_is_kept_as_its_hash()
    {
        var guid = new string('g', 700);
        var rss = $"""
            <rss version="2.0"><channel><title>x</title><link>https://x.example/</link><description>x</description>
              <item><guid>{guid}</guid><description>Harga &lt;b&gt;emas&lt;/b&gt; naik tipis.</description></item>
              <item><guid>kosong</guid></item>
            </channel></rss>
            """;
        var entry = Assert.Single(WireParser.Parse(Encoding.UTF8.GetBytes(rss)));
        Assert.Equal("Harga emas naik tipis.", entry.Title);
        Assert.StartsWith("sha256:", entry.ItemGuid);
        Assert.Equal(WireParser.Parse(Encoding.UTF8.GetBytes(rss))[0].ItemGuid, entry.ItemGuid);
    }

    [Theory]
    [InlineData("<opml version=\"2.0\"><body/></opml>", "elemen akarnya <opml>")]
    [InlineData("", "XML feed rusak")]
    [InlineData("<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><itemMeta><itemClass qcode=\"ninat:text\"/></itemMeta></newsItem>", "tanpa atribut guid")]
    public void What_is_not_a_feed_is_named(string xml, string message)
    {
        var error = Assert.Throws<WireFormatException>(() => WireParser.Parse(Encoding.UTF8.GetBytes(xml)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_feed_beyond_the_character_limit_is_refused()
    {
        var rss = WireFixtures.Rss(new WireFixtures.Item("big", "Besar", "<p>" + new string('x', 5000) + "</p>", DateTimeOffset.UnixEpoch));
        var error = Assert.Throws<WireFormatException>(() => WireParser.Parse(Encoding.UTF8.GetBytes(rss), maxCharacters: 2000));
        Assert.Contains("batas ukuran", error.Message);
    }
}
