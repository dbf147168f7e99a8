using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets.Live;
using Warta.Web.Shared;

namespace Warta.Tests.Reader;

/// <summary>Brotli and gzip when the browser asks; cached pages stored compressed per encoding; never on the live stream.</summary>
public class CompressionTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    async Task<Saved> StoryAsync()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        return await api.PublishAsync(NewsroomApi.Story("Rupiah Menguat Tajam " + Guid.NewGuid().ToString("N")[..6]));
    }

    async Task<HttpResponseMessage> GetAsync(string url, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        return await app.CreateClient().SendAsync(request);
    }

    static string Decode(byte[] bytes, string? encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            null => input,
            _ => throw new InvalidOperationException("unexpected encoding " + encoding),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Theory]
    [InlineData("br", "gzip, deflate, br, zstd")]
    [InlineData("gzip", "gzip, deflate")]
    public async Task An_article_compressed_for_the_browser_decodes_to_the_same_page(string expected, string acceptEncoding)
    {
        var story = await StoryAsync();
        var plain = await GetAsync(story.Url, null);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        var plainHtml = await plain.Content.ReadAsStringAsync();

        var compressed = await GetAsync(story.Url, acceptEncoding);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal([expected], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length * 2 < Encoding.UTF8.GetByteCount(plainHtml), $"{bytes.Length} compressed bytes for {plainHtml.Length} characters");
        Assert.Equal(plainHtml, Decode(bytes, expected));
    }

    [Fact]
    public async Task A_cached_page_is_stored_once_per_encoding_and_served_as_stored()
    {
        var story = await StoryAsync();
        var firstBrotli = await GetAsync(story.Url, "br");
        var firstGzip = await GetAsync(story.Url, "gzip");
        var secondBrotli = await GetAsync(story.Url, "gzip;q=0.5, br");
        var secondGzip = await GetAsync(story.Url, "gzip");

        // From the cache (Age), the very bytes stored: compressed when cached, not again per request.
        Assert.True(secondBrotli.Headers.Age.HasValue, "the second Brotli request was not served from the cache");
        Assert.True(secondGzip.Headers.Age.HasValue, "the second gzip request was not served from the cache");
        Assert.Equal(["br"], secondBrotli.Content.Headers.ContentEncoding);
        Assert.Equal(["gzip"], secondGzip.Content.Headers.ContentEncoding);
        Assert.Equal(await firstBrotli.Content.ReadAsByteArrayAsync(), await secondBrotli.Content.ReadAsByteArrayAsync());
        Assert.Equal(await firstGzip.Content.ReadAsByteArrayAsync(), await secondGzip.Content.ReadAsByteArrayAsync());

        // A browser that accepts neither gets the plain page, not a stored compressed one.
        var plain = await GetAsync(story.Url, "identity");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Contains(story.Slug, await plain.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("text/css", "br")]
    [InlineData("text/javascript", "gzip")]
    [InlineData("image/svg+xml", "br")]
    public async Task Stylesheet_script_and_icon_go_out_compressed(string type, string encoding)
    {
        var url = type switch { "text/css" => Assets.CssUrl, "text/javascript" => Assets.JsUrl, _ => Assets.IconSvgUrl };
        var plain = await GetAsync(url, null);
        var compressed = await GetAsync(url, encoding);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal(type, compressed.Content.Headers.ContentType?.MediaType);
        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.Equal(await plain.Content.ReadAsStringAsync(), Decode(await compressed.Content.ReadAsByteArrayAsync(), encoding));
    }

    [Fact]
    public async Task Json_from_the_api_is_compressed()
    {
        var response = await GetAsync("/api/markets/ticker", "gzip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.StartsWith("[", Decode(await response.Content.ReadAsByteArrayAsync(), "gzip"));
    }

    [Fact]
    public async Task The_live_ticker_stream_is_never_compressed()
    {
        var markets = await app.TickerInstrumentsAsync();
        await markets.PostQuoteAsync("LQ45", 905.10m, app.Clock.GetUtcNow(), previousClose: 901.40m);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        await using var stream = await EventStream.OpenAsync(client, LiveTicker.Path);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Empty(stream.Response.Content.Headers.ContentEncoding);
        // The first event arrives readable at once: nothing holds it back to fill a compressor's block.
        Assert.Equal("905,10", (await stream.NextEventAsync()).ValueOf("LQ45"));
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("br;q=0.1, gzip", "br")]
    [InlineData("gzip, br;q=0", "gzip")]
    [InlineData("*", "br")]
    [InlineData("deflate", "identity")]
    [InlineData("", "identity")]
    [InlineData("gzip;q=0, br;q=0", "identity")]
    public void Accept_encoding_is_reduced_to_the_one_encoding_a_browser_gets(string header, string expected) =>
        Assert.Equal(expected, Compression.Choose(header));
}
