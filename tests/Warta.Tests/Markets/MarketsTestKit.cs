using System.Net.Http.Json;
using System.Text;
using Warta.Tests.Infrastructure;
using Warta.Web.Newsroom;

namespace Warta.Tests.Markets;

/// <summary>Instruments as an operator configures them, and quotes as a vendor sends them.</summary>
public static class MarketsTestKit
{
    public static async Task<HttpClient> InstrumentsAsync(this WartaFactory app)
    {
        var admin = await app.ApiClientAsync();
        await Put(admin, "LQ45", new { label = "LQ45", kind = "index", decimals = 2, unit = "poin", order = 1 });
        await Put(admin, "EMAS", new { label = "EMAS", kind = "price", decimals = 0, unit = "Rp/gram", order = 2, jumpHoldPercent = 10, jumpWindowMinutes = 5760 });
        await Put(admin, "RD.SAHAM", new { label = "RD.SAHAM", kind = "fund-index", decimals = 2, order = 3 });
        await Put(admin, "USD%2FIDR", new { label = "USD/IDR", kind = "fx", decimals = 0, unit = "Rp", order = 4 });
        return await app.ApiClientAsync(ApiScopes.Markets);
    }

    /// <summary>One more index of the exchange, for a test that must not share its ticker value with another.</summary>
    public static async Task IndexAsync(this WartaFactory app, string symbol) =>
        await Put(await app.ApiClientAsync(), symbol, new { label = symbol, kind = "index", decimals = 2, unit = "poin", order = 9 });

    static async Task Put(HttpClient admin, string symbol, object body)
    {
        var response = await admin.PutAsJsonAsync($"/api/admin/instruments/{symbol}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> PostCsvAsync(this HttpClient client, string csv) =>
        client.PostAsync("/api/markets/quotes", new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>A browser-like client signed in to the newsroom with the given role.</summary>
    public static async Task<HttpClient> StaffAsync(this WartaFactory app, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@warta.local";
        await app.AddStaffAsync(email, role);
        return await app.SignedInAsync(email);
    }
}
