using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Tests.Infrastructure;
using static Warta.Tests.Newsroom.TestImages;

namespace Warta.Tests.Newsroom;

public class MediaApiTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static async Task<HttpResponseMessage> Upload(HttpClient api, byte[] bytes, string name, string type)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return await api.PostAsync("/api/admin/media", form);
    }

    static async Task<Guid> UploadedId(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Guid.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
    }

    static async Task<SKBitmap> DecodeAsync(HttpClient client, string url, string contentType)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync()) ?? throw new Xunit.Sdk.XunitException($"{url} does not decode");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "foto.png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", "foto.jpg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "foto.webp")]
    public async Task Takes_an_image_and_serves_every_size_in_webp_and_jpeg(SKEncodedImageFormat format, string type, string name)
    {
        var api = await app.ApiClientAsync();
        var id = await UploadedId(await Upload(api, Encode(2000, 1000, format), name, type));

        var reader = app.CreateClient();
        foreach (var width in new[] { 320, 640, 1024, 1600 })
        {
            using var jpeg = await DecodeAsync(reader, $"/media/{id:N}/w{width}.jpg", "image/jpeg");
            Assert.Equal((width, width / 2), (jpeg.Width, jpeg.Height));
            using var webp = await DecodeAsync(reader, $"/media/{id:N}/w{width}.webp", "image/webp");
            Assert.Equal((width, width / 2), (webp.Width, webp.Height));
        }
        using var stored = app.Services.CreateScope();
        var variants = await app.Db(stored).MediaFiles.Where(f => f.MediaId == id).Select(f => f.Variant).ToListAsync();
        Assert.Equal(["original", "w1024", "w1024.webp", "w1600", "w1600.webp", "w320", "w320.webp", "w640", "w640.webp"], variants.Order());
    }

    [Fact]
    public async Task A_gif_is_taken_and_a_small_image_is_never_upscaled()
    {
        var api = await app.ApiClientAsync();
        var id = await UploadedId(await Upload(api, Gif(500, 300), "anim.gif", "image/gif"));
        var reader = app.CreateClient();
        using var own = await DecodeAsync(reader, $"/media/{id:N}/w500.webp", "image/webp");
        Assert.Equal((500, 300), (own.Width, own.Height));
        // The GIF's two colours survive the re-encoding: left half one, right half the other.
        Assert.NotEqual(own.GetPixel(10, 150), own.GetPixel(490, 150));
        using var small = await DecodeAsync(reader, $"/media/{id:N}/w320.jpg", "image/jpeg");
        Assert.Equal(320, small.Width);
        // An address for a standard width above the image's own still answers, with the image at its own size.
        using var asked = await DecodeAsync(reader, $"/media/{id:N}/w1024.jpg", "image/jpeg");
        Assert.Equal(500, asked.Width);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{id:N}/w777.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/media/{id:N}/w320.png")).StatusCode);
    }

    [Fact]
    public async Task Renditions_are_served_immutable_with_an_etag_that_answers_304()
    {
        var api = await app.ApiClientAsync();
        var id = await UploadedId(await Upload(api, Encode(700, 400, SKEncodedImageFormat.Png), "a.png", "image/png"));
        var reader = app.CreateClient();
        var first = await reader.GetAsync($"/media/{id:N}/w640.webp");
        Assert.Equal("public, max-age=31536000, immutable", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag ?? throw new Xunit.Sdk.XunitException("no ETag");
        Assert.NotEqual(etag, (await reader.GetAsync($"/media/{id:N}/w640.jpg")).Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, $"/media/{id:N}/w640.webp");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Addresses_of_photos_uploaded_before_webp_keep_working_and_gain_webp()
    {
        var api = await app.ApiClientAsync();
        var id = await UploadedId(await Upload(api, Encode(1800, 900, SKEncodedImageFormat.Jpeg), "alt.jpg", "image/jpeg"));
        // What the first media library stored: the original and three JPEG widths, nothing else.
        using (var scope = app.Services.CreateScope())
            await app.Db(scope).MediaFiles.Where(f => f.MediaId == id && (f.Variant.EndsWith(".webp") || f.Variant == "w1600")).ExecuteDeleteAsync();

        var reader = app.CreateClient();
        using (var old = await DecodeAsync(reader, $"/media/{id:N}/w1024.jpg", "image/jpeg")) Assert.Equal(1024, old.Width);
        using (var webp = await DecodeAsync(reader, $"/media/{id:N}/w640.webp", "image/webp")) Assert.Equal(640, webp.Width);
        using (var large = await DecodeAsync(reader, $"/media/{id:N}/w1600.jpg", "image/jpeg")) Assert.Equal(1600, large.Width);
        using (var scope = app.Services.CreateScope())
            Assert.Contains("w640.webp", await app.Db(scope).MediaFiles.Where(f => f.MediaId == id).Select(f => f.Variant).ToListAsync());
    }

    [Fact]
    public async Task Strips_exif_and_turns_the_photo_upright()
    {
        var api = await app.ApiClientAsync();
        var upload = JpegWithExif(400, 200);
        Assert.Contains("OWNER-SECRET", Encoding.ASCII.GetString(upload));
        var id = await UploadedId(await Upload(api, upload, "kamera.jpg", "image/jpeg"));

        using var scope = app.Services.CreateScope();
        var files = await app.Db(scope).MediaFiles.Where(f => f.MediaId == id).ToListAsync();
        // 200 pixels wide once upright: the original and its own width in JPEG and WebP, nothing upscaled.
        Assert.Equal(["original", "w200", "w200.webp"], files.Select(f => f.Variant).Order());
        foreach (var file in files)
        {
            var text = Encoding.ASCII.GetString(file.Bytes);
            Assert.DoesNotContain("Exif", text);
            Assert.DoesNotContain("OWNER-SECRET", text);
            using var decoded = SKBitmap.Decode(file.Bytes);
            Assert.True(decoded.Height > decoded.Width, $"{file.Variant} is {decoded.Width}×{decoded.Height}, not upright");
        }
        using var original = SKBitmap.Decode(files.Single(f => f.Variant == "original").Bytes);
        Assert.Equal((200, 400), (original.Width, original.Height));
    }

    public static TheoryData<string, byte[], string, string> Hostile()
    {
        var jpeg = Encode(600, 400, SKEncodedImageFormat.Jpeg);
        // A PNG whose compressed pixels are overwritten halfway: its header is fine, its data is not.
        var corrupt = Encode(600, 400, SKEncodedImageFormat.Png);
        for (var i = corrupt.Length / 2; i < corrupt.Length / 2 + 64; i++) corrupt[i] ^= 0x5A;
        return new()
        {
            { "svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "x.svg", "not an image Warta takes" },
            { "html renamed", "<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"u8.ToArray(), "foto.jpg", "not an image Warta takes" },
            { "text renamed", "not an image at all"u8.ToArray(), "foto.png", "not an image Warta takes" },
            { "truncated jpeg", jpeg[..(jpeg.Length / 2)], "potong.jpg", "damaged or incomplete" },
            { "corrupt png", corrupt, "rusak.png", "damaged or incomplete" },
            { "png bomb", PngClaiming(60_000, 60_000), "bom.png", "megapixels" },
            { "strip", PngClaiming(40_000, 2), "garis.png", "pixels a side" },
            { "empty", [], "kosong.png", "empty" },
        };
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Refuses_what_is_not_a_whole_image_and_saves_nothing(string what, byte[] bytes, string name, string message)
    {
        var api = await app.ApiClientAsync();
        int before;
        using (var scope = app.Services.CreateScope()) before = await app.Db(scope).MediaFiles.CountAsync();

        var problem = await (await Upload(api, bytes, name, "image/jpeg")).ProblemAsync();
        var error = problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.True(error.Contains(message, StringComparison.Ordinal), $"{what}: {error}");

        using (var scope = app.Services.CreateScope()) Assert.Equal(before, await app.Db(scope).MediaFiles.CountAsync());
    }

    [Fact]
    public async Task Refuses_files_over_the_configured_size_and_pixel_count()
    {
        using var small = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Media:MaxBytes"] = "20000", ["Warta:Media:MaxPixels"] = "250000" });
        var api = await small.ApiClientAsync();
        var big = await (await Upload(api, Encode(400, 300, SKEncodedImageFormat.Png).Concat(new byte[30_000]).ToArray(), "besar.png", "image/png")).ProblemAsync();
        Assert.Contains("larger than", big.GetProperty("errors").GetProperty("file")[0].GetString());
        var many = await (await Upload(api, Encode(600, 500, SKEncodedImageFormat.Jpeg), "lebar.jpg", "image/jpeg")).ProblemAsync();
        Assert.Contains("600×500", many.GetProperty("errors").GetProperty("file")[0].GetString());
        await UploadedId(await Upload(api, Encode(500, 500, SKEncodedImageFormat.Jpeg), "pas.jpg", "image/jpeg"));
    }

    [Fact]
    public async Task Reader_pages_offer_webp_and_jpeg_in_every_width_with_the_photo_proportions()
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        var lead = await UploadedId(await Upload(api, Encode(1200, 800, SKEncodedImageFormat.Jpeg), "utama.jpg", "image/jpeg"));
        var inline = await UploadedId(await Upload(api, Encode(900, 600, SKEncodedImageFormat.Png), "sisip.png", "image/png"));
        var story = NewsroomApi.Story("Harga Cabai Turun Menjelang Panen Raya");
        story["image"] = new { mediaId = lead, caption = "Pedagang cabai di Pasar Induk", credit = "Warta/Dewi" };
        story["body"] = $"<p>Paragraf pertama.</p><figure><img src=\"/media/{inline:N}/w1024.jpg\" alt=\"Petani memanen cabai\"><figcaption>Panen</figcaption></figure><p>Paragraf kedua.</p>";
        var saved = await api.PublishAsync(story);

        var page = await app.ReaderClient().GetPageAsync(saved.Url);
        var photo = page.QuerySelector(".lead-photo picture")!;
        Assert.Equal($"/media/{lead:N}/w320.webp 320w, /media/{lead:N}/w640.webp 640w, /media/{lead:N}/w1024.webp 1024w, /media/{lead:N}/w1200.webp 1200w",
            photo.QuerySelector("source[type='image/webp']")!.GetAttribute("srcset"));
        var img = photo.QuerySelector("img")!;
        Assert.Equal($"/media/{lead:N}/w320.jpg 320w, /media/{lead:N}/w640.jpg 640w, /media/{lead:N}/w1024.jpg 1024w, /media/{lead:N}/w1200.jpg 1200w", img.GetAttribute("srcset"));
        Assert.Equal(("700", "467"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("Pedagang cabai di Pasar Induk", img.GetAttribute("alt"));

        var inlineImg = page.QuerySelector(".body figure picture img")!;
        Assert.Equal("Petani memanen cabai", inlineImg.GetAttribute("alt"));
        Assert.Equal(("700", "467"), (inlineImg.GetAttribute("width"), inlineImg.GetAttribute("height")));
        Assert.Contains($"/media/{inline:N}/w900.webp 900w", page.QuerySelector(".body figure picture source")!.GetAttribute("srcset"));

        // Every address the page hands out answers.
        var reader = app.CreateClient();
        foreach (var url in page.QuerySelectorAll("picture source, picture img").SelectMany(e => e.GetAttribute("srcset")!.Split(", ")).Select(s => s.Split(' ')[0]))
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);

        var channel = await app.ReaderClient().GetPageAsync("/kanal/ekonomi");
        var card = channel.QuerySelectorAll(".card picture").First(p => p.OuterHtml.Contains(lead.ToString("N")));
        Assert.Equal("image/webp", card.QuerySelector("source")!.GetAttribute("type"));
        // A thumbnail is offered only the sizes a thumbnail can use.
        Assert.Equal($"/media/{lead:N}/w320.webp 320w, /media/{lead:N}/w640.webp 640w", card.QuerySelector("source")!.GetAttribute("srcset"));
        Assert.Equal($"/media/{lead:N}/w320.jpg", card.QuerySelector("img")!.GetAttribute("src"));
        Assert.NotNull(card.QuerySelector("img[width][height]"));
    }
}
