using System.Net.Http.Json;
using System.Text.Json;

namespace Warta.Tests.Infrastructure;

public sealed record Saved(Guid Id, string Slug, string Url, string Status);

/// <summary>Drives the newsroom API the way a CMS or an import script would.</summary>
public static class NewsroomApi
{
    public static async Task EnsureChannelAsync(this HttpClient api, string slug, string name, int order = 0)
    {
        var response = await api.PutAsJsonAsync($"/api/admin/channels/{slug}", new { name, order });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Dictionary<string, object?> Story(string title, string channel = "ekonomi", string status = "published") => new()
    {
        ["title"] = title,
        ["channel"] = channel,
        ["kind"] = "news",
        ["tags"] = new[] { "rupiah", "bank indonesia" },
        ["reporters"] = new[] { "Dewi Lestari" },
        ["editor"] = "Agus Salim",
        ["dateline"] = "Jakarta",
        ["summary"] = "Ringkasan " + title,
        ["body"] = string.Concat(Enumerable.Range(1, 8).Select(i => $"<p>Paragraf {i} dari {title}.</p>")),
        ["status"] = status,
    };

    public static async Task<Saved> PublishAsync(this HttpClient api, Dictionary<string, object?> story)
    {
        var response = await api.PostAsJsonAsync("/api/admin/articles", story);
        return await response.ReadAsync<Saved>(201);
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status = 400)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement;
    }

    public static IEnumerable<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name) : [];
}
