using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;
using static Warta.Tests.Newsroom.TestImages;

namespace Warta.Tests.Security;

/// <summary>Issue 8, item 2: image decoding is bounded by pixels, by a memory budget and by a few decodes at once; the rest are told to try again.</summary>
public class ImageDecodeTests
{
    static async Task<HttpResponseMessage> UploadAsync(HttpClient api, byte[] bytes, string name = "foto.jpg")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", name);
        return await api.PostAsync("/api/admin/media", form);
    }

    static Task<int> MediaCountAsync(WartaFactory app) => app.InDbAsync(db => db.Media.CountAsync());

    [Fact]
    public async Task With_every_decode_slot_taken_an_upload_is_told_to_try_again_and_nothing_is_stored()
    {
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Media:MaxConcurrentDecodes"] = "2", ["Warta:Media:DecodeWaitSeconds"] = "0" });
        var api = await app.ApiClientAsync();
        var gate = app.Services.GetRequiredService<DecodeGate>();
        var first = await gate.EnterAsync(1);
        var second = await gate.EnterAsync(1);

        var busy = await UploadAsync(api, Encode(800, 600, SKEncodedImageFormat.Jpeg));
        var problem = await busy.ProblemAsync(503);
        Assert.Equal("5", busy.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Try again", problem.GetProperty("title").GetString());
        Assert.Equal(0, await MediaCountAsync(app));

        first.Dispose();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, Encode(800, 600, SKEncodedImageFormat.Jpeg))).StatusCode);
        second.Dispose();
        Assert.Equal(1, await MediaCountAsync(app));
    }

    [Fact]
    public async Task Eight_uploads_at_once_are_decoded_at_most_two_at_a_time()
    {
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Media:MaxConcurrentDecodes"] = "2", ["Warta:Media:DecodeWaitSeconds"] = "120" });
        var api = await app.ApiClientAsync();
        var image = Encode(1200, 900, SKEncodedImageFormat.Png);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => UploadAsync(api, image, $"foto{i}.png")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var gate = app.Services.GetRequiredService<DecodeGate>();
        Assert.InRange(gate.PeakConcurrent, 1, 2);
        Assert.InRange(gate.PeakBytes, 1, gate.BudgetBytes);
        Assert.Equal(8, await MediaCountAsync(app));
    }

    [Fact]
    public async Task A_small_file_claiming_more_pixels_than_the_memory_budget_allows_is_refused_before_decoding()
    {
        using var app = new WartaNode(null, new Dictionary<string, string?> { ["Warta:Media:DecodeMemoryMB"] = "24" });
        var api = await app.ApiClientAsync();
        // 2000×1500 pixels is 12 MB decoded (plus the rendition canvas): over a 24 MB budget, though the PNG is small.
        var png = Encode(2000, 1500, SKEncodedImageFormat.Png);
        Assert.True(png.Length < 100_000);
        var problem = await (await UploadAsync(api, png, "besar.png")).ProblemAsync();
        Assert.Contains("at most 24 MB", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, await MediaCountAsync(app));
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(api, Encode(1000, 700, SKEncodedImageFormat.Png), "kecil.png")).StatusCode);
    }
}
