using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Warta.Tests.Infrastructure;
using Warta.Web.Markets;

namespace Warta.Tests.Markets;

public class MarketAdminPagesTests(StaffFactory app) : IClassFixture<StaffFactory>
{
    static readonly string[] AdminPages = ["/redaksi/pasar", "/redaksi/pasar/instrumen", "/redaksi/pasar/libur", "/redaksi/pasar/tertahan"];

    [Fact]
    public async Task Only_admins_reach_the_market_pages()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var editor = await app.StaffAsync("editor");
        foreach (var page in AdminPages)
        {
            var redirected = await anonymous.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.StartsWith("/redaksi/masuk", redirected.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync(page)).StatusCode);
        }
        // Nor can an editor post to them, even with a valid form token.
        var post = await editor.SubmitAsync("/redaksi", new() { ["Day"] = "2023-06-01", ["Name"] = "X" }, "/redaksi/pasar/libur?handler=Add");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        var admin = await app.StaffAsync("admin");
        foreach (var page in AdminPages) Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task An_admin_adds_an_instrument_and_a_bad_form_is_explained_in_Indonesian_and_saves_nothing()
    {
        var admin = await app.StaffAsync("admin");
        var bad = await admin.SubmitAsync("/redaksi/pasar/instrumen", new()
        {
            ["baru"] = "true", ["Form.Symbol"] = "IDX 30!", ["Form.Label"] = "", ["Form.Kind"] = "Index", ["Form.Decimals"] = "dua",
            ["Form.Display"] = "Full", ["Form.Order"] = "5", ["Form.Calendar"] = "Idx", ["Form.StaleAfterMinutes"] = "15",
            ["Form.JumpHoldPercent"] = "25", ["Form.JumpWindowMinutes"] = "1",
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Simbol wajib diisi", html);
        Assert.Contains("Label wajib diisi", html);
        Assert.Contains("Jumlah desimal harus angka", html);

        var good = await admin.SubmitAsync("/redaksi/pasar/instrumen", new()
        {
            ["baru"] = "true", ["Form.Symbol"] = "idx30", ["Form.Label"] = "IDX30", ["Form.Kind"] = "Index", ["Form.Decimals"] = "2", ["Form.Unit"] = "poin",
            ["Form.Display"] = "Full", ["Form.Order"] = "5", ["Form.InTicker"] = "true", ["Form.Calendar"] = "Idx", ["Form.StaleAfterMinutes"] = "20",
            ["Form.JumpHoldPercent"] = "12,5", ["Form.JumpWindowMinutes"] = "2",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        using var scope = app.Services.CreateScope();
        var saved = await app.Db(scope).Instruments.AsNoTracking().SingleAsync(i => i.Symbol == "IDX30");
        Assert.Equal((CalendarKind.Idx, 20, 12.5m, 2), (saved.Calendar, saved.StaleAfterMinutes, saved.JumpHoldPercent, saved.JumpWindowMinutes));
        Assert.Empty(await app.Db(scope).Instruments.Where(i => i.Label == "").Select(i => i.Symbol).ToListAsync());

        var missingToken = await admin.PostAsync("/redaksi/pasar/instrumen", new FormUrlEncodedContent(new Dictionary<string, string> { ["baru"] = "true", ["Form.Symbol"] = "JII70", ["Form.Label"] = "JII70" }));
        Assert.Equal(HttpStatusCode.BadRequest, missingToken.StatusCode);
        Assert.False(await app.Db(scope).Instruments.AnyAsync(i => i.Symbol == "JII70"));
    }

    [Fact]
    public async Task A_holiday_added_by_an_admin_moves_the_previous_close_back_a_day()
    {
        var markets = await app.InstrumentsAsync();
        await app.IndexAsync("ISSI");
        var wib = TimeSpan.FromHours(7);
        (await markets.PostAsJsonAsync("/api/markets/quotes", new object[]
        {
            new { symbol = "ISSI", value = 200m, at = new DateTimeOffset(2023, 5, 3, 16, 0, 0, wib) },
            new { symbol = "ISSI", value = 210m, at = new DateTimeOffset(2023, 5, 4, 16, 0, 0, wib) },
            new { symbol = "ISSI", value = 220m, at = new DateTimeOffset(2023, 5, 5, 10, 0, 0, wib) },
        })).EnsureSuccessStatusCode();
        var admin = await app.StaffAsync("admin");
        const string libur = "/redaksi/pasar/libur";
        var weekend = await admin.SubmitAsync(libur, new() { ["Day"] = "2023-05-06", ["Name"] = "Sabtu" }, libur + "?handler=Add");
        Assert.Contains("Sabtu atau Minggu", await weekend.Content.ReadAsStringAsync());
        var added = await admin.SubmitAsync(libur, new() { ["Day"] = "2023-05-04", ["Name"] = "Libur uji" }, libur + "?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        // With Thursday a holiday, Friday's 220 compares with Wednesday's 200: +20,00.
        var ticker = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/markets/ticker");
        Assert.Equal("20,00", ticker.EnumerateArray().First(t => t.GetProperty("symbol").GetString() == "ISSI").GetProperty("change").GetString());
        var removed = await admin.SubmitAsync(libur, new() { ["day"] = "2023-05-04" }, libur + "?handler=Remove");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        ticker = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/markets/ticker");
        Assert.Equal("10,00", ticker.EnumerateArray().First(t => t.GetProperty("symbol").GetString() == "ISSI").GetProperty("change").GetString());
    }

    [Fact]
    public async Task An_admin_confirms_a_held_jump_on_its_page()
    {
        var markets = await app.InstrumentsAsync();
        await app.IndexAsync("IDXHIDIV20");
        var wib = TimeSpan.FromHours(7);
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "IDXHIDIV20", value = 500m, at = new DateTimeOffset(2023, 5, 5, 10, 0, 0, wib) } })).EnsureSuccessStatusCode();
        (await markets.PostAsJsonAsync("/api/markets/quotes", new[] { new { symbol = "IDXHIDIV20", value = 50m, at = new DateTimeOffset(2023, 5, 5, 10, 0, 30, wib) } })).EnsureSuccessStatusCode();

        var admin = await app.StaffAsync("admin");
        var page = await admin.GetPageAsync("/redaksi/pasar/tertahan");
        var row = page.QuerySelectorAll("#menunggu tbody tr").Single(r => r.TextContent.Contains("IDXHIDIV20"));
        Assert.Contains("−90,00%", row.TextContent);
        const string held = "/redaksi/pasar/tertahan";
        var confirmed = await admin.SubmitAsync(held, new() { ["id"] = row.GetAttribute("data-held-id")! }, held + "?handler=Confirm");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var again = await admin.SubmitAsync(held, new() { ["id"] = row.GetAttribute("data-held-id")! }, held + "?handler=Confirm");
        Assert.EndsWith("pesan=sudah", again.Headers.Location!.ToString());

        var ticker = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/markets/ticker");
        Assert.Equal("50,00", ticker.EnumerateArray().First(t => t.GetProperty("symbol").GetString() == "IDXHIDIV20").GetProperty("value").GetString());
    }
}
