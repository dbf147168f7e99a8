using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Tests.Infrastructure;

namespace Warta.Tests.Newsroom;

public class MediaApiTests(WartaFactory app) : IClassFixture<WartaFactory>
{
    static byte[] Image(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height / 4f, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A JPEG carrying an EXIF block with orientation 6 (rotate 90° clockwise) and a camera-owner string.</summary>
    static byte[] JpegWithExif(int width, int height)
    {
        var jpeg = Image(width, height, SKEncodedImageFormat.Jpeg);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes(8));
        tiff.AddRange(BitConverter.GetBytes((short)2));
        tiff.AddRange(BitConverter.GetBytes((short)0x0112)); tiff.AddRange(BitConverter.GetBytes((short)3)); tiff.AddRange(BitConverter.GetBytes(1)); tiff.AddRange(BitConverter.GetBytes(6));
        var owner = Encoding.ASCII.GetBytes("OWNER-SECRET-LOCATION\0");
        tiff.AddRange(BitConverter.GetBytes((short)0x013B)); tiff.AddRange(BitConverter.GetBytes((short)2)); tiff.AddRange(BitConverter.GetBytes(owner.Length)); tiff.AddRange(BitConverter.GetBytes(8 + 2 + 24 + 4));
        tiff.AddRange(BitConverter.GetBytes(0));
        tiff.AddRange(owner);
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)(length & 0xFF) }.Concat(payload);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }

    static async Task<HttpResponseMessage> Upload(HttpClient api, byte[] bytes, string name, string type)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return await api.PostAsync("/api/admin/media", form);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png", "foto.png")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg", "foto.jpg")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp", "foto.webp")]
    public async Task Takes_an_image_and_serves_it_re_encoded_in_sizes(SKEncodedImageFormat format, string type, string name)
    {
        var api = await app.ApiClientAsync();
        var response = await Upload(api, Image(1500, 900, format), name, type);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = JsonDocument.Parse(body).RootElement.GetProperty("url").GetString()!;

        var reader = app.CreateClient();
        var image = await reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", image.Headers.CacheControl?.ToString());
        using var decoded = SKBitmap.Decode(await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(1024, decoded.Width);
        using var small = SKBitmap.Decode(await reader.GetByteArrayAsync(url.Replace("w1024", "w320", StringComparison.Ordinal)));
        Assert.Equal(320, small.Width);
    }

    [Fact]
    public async Task Strips_exif_and_turns_the_photo_upright()
    {
        var api = await app.ApiClientAsync();
        var upload = JpegWithExif(400, 200);
        Assert.Contains("OWNER-SECRET", Encoding.ASCII.GetString(upload));
        var response = await Upload(api, upload, "kamera.jpg", "image/jpeg");
        var id = Guid.Parse(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);

        using var scope = app.Services.CreateScope();
        var files = await app.Db(scope).MediaFiles.Where(f => f.MediaId == id).ToListAsync();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = Encoding.ASCII.GetString(file.Bytes);
            Assert.DoesNotContain("Exif", text);
            Assert.DoesNotContain("OWNER-SECRET", text);
        }
        using var original = SKBitmap.Decode(files.Single(f => f.Variant == "original").Bytes);
        Assert.Equal((200, 400), (original.Width, original.Height));
    }

    [Fact]
    public async Task Refuses_svg_text_and_oversized_images_and_saves_nothing()
    {
        var api = await app.ApiClientAsync();
        int before;
        using (var scope = app.Services.CreateScope()) before = await app.Db(scope).Media.CountAsync();

        var svg = await Upload(api, "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "x.svg", "image/svg+xml");
        var problem = await svg.ProblemAsync();
        Assert.Contains("JPEG, PNG, WebP or GIF", problem.GetProperty("errors").GetProperty("file")[0].GetString());

        await (await Upload(api, "not an image at all"u8.ToArray(), "x.jpg", "image/jpeg")).ProblemAsync();
        await (await Upload(api, Image(8000, 6000, SKEncodedImageFormat.Png), "huge.png", "image/png")).ProblemAsync();
        await (await Upload(api, [], "empty.png", "image/png")).ProblemAsync();

        using (var scope = app.Services.CreateScope()) Assert.Equal(before, await app.Db(scope).Media.CountAsync());
    }
}
