using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SkiaSharp;
using Warta.Tests.Infrastructure;
using Warta.Tests.Newsroom;

namespace Warta.Tests.Discovery;

/// <summary>A fresh app published at a configured public address, so every absolute link can be checked exactly.</summary>
public sealed class DiscoveryFactory() : WartaFactory(null, new Dictionary<string, string?> { ["Warta:Site:BaseUrl"] = Origin })
{
    public const string Origin = "https://www.warta.test";
}

public static class DiscoveryKit
{
    /// <summary>A 1600×900 JPEG uploaded through the media API (its renditions made at once); its id.</summary>
    public static async Task<Guid> UploadPhotoAsync(this HttpClient api)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Encode(1600, 900, SKEncodedImageFormat.Jpeg));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "utama.jpg");
        var response = await api.PostAsync("/api/admin/media", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return Guid.Parse(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
    }

    public static async Task<HttpClient> NewsroomAsync(this WartaFactory app)
    {
        var api = await app.ApiClientAsync();
        await api.EnsureChannelAsync("ekonomi", "Ekonomi");
        await api.EnsureChannelAsync("opini", "Opini");
        return api;
    }

    public static async Task<string> BodyAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}\n{body[..Math.Min(body.Length, 1000)]}");
        return body;
    }
}
