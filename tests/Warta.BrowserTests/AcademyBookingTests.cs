using static Microsoft.Playwright.Assertions;

namespace Warta.BrowserTests;

/// <summary>A reader on a phone books a paid Academy course from its page, pays on the gateway's page, and gets the confirmation on the site and by mail with the calendar file.</summary>
[Collection(WartaSiteCollection.Name)]
public sealed class AcademyBookingTests(WartaSite site)
{
    /// <summary>A demo course: online, Rp 450.000, sixty seats.</summary>
    const string Course = "Strategi Reksa Dana: Menyusun Portofolio Keluarga";

    [Fact]
    public async Task A_reader_on_a_phone_books_a_paid_course_pays_on_the_gateway_and_gets_the_confirmation_with_a_calendar_file()
    {
        const string email = "peserta-kelas@contoh.id";
        var password = await site.AddReaderAsync(email, "Rudi Peserta");
        await using var context = await site.NewPhoneContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/akademi");
        await page.Locator(".course-card").GetByRole(AriaRole.Link, new() { Name = Course, Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(Course);
        await Expect(page.Locator(".course-page .price")).ToContainTextAsync("Rp 450.000");
        await Screens.SaveAsync(page, "akademi-01-kelas");

        // Registration is for readers with an account: the course page's button leads through sign-in to the form.
        await page.GetByRole(AriaRole.Link, new() { Name = "Daftar kelas ini" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Masuk ke akun Anda");
        await WartaSite.SignInReaderAsync(page, email, password);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Pendaftaran kelas");
        await Screens.SaveAsync(page, "akademi-02-daftar");

        await SubscriberJourneyTests.PayOnTheGatewayAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Daftar dan bayar Rp 450.000" }), 450_000, "akademi-03");
        await Expect(page.Locator("#order-status")).ToHaveTextAsync("lunas, aktif");

        await page.GotoAsync("/akun");
        var booked = page.Locator(".account-courses li");
        await Expect(booked).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(booked).ToContainTextAsync("terkonfirmasi");
        await Screens.SaveAsync(page, "akademi-04-akun");
        await booked.GetByRole(AriaRole.Link, new() { Name = Course }).ClickAsync();
        await Expect(page.Locator("#registration-status")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(page.Locator("#registration-status h2")).ToHaveTextAsync("Pendaftaran terkonfirmasi");
        await Expect(page.Locator("#registration-status")).ToContainTextAsync("https://zoom.us/j/0000000000");
        await Screens.SaveAsync(page, "akademi-05-terkonfirmasi");

        var mail = await site.Mail.WaitForAsync(email, m => m.Subject == "Pendaftaran terkonfirmasi: " + Course);
        var calendar = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("text/calendar", calendar.ContentType.MimeType);
        Assert.EndsWith(".ics", calendar.FileName, StringComparison.Ordinal);
        using var content = new MemoryStream();
        await calendar.Content!.DecodeToAsync(content);
        var ics = System.Text.Encoding.UTF8.GetString(content.ToArray());
        Assert.StartsWith("BEGIN:VCALENDAR", ics, StringComparison.Ordinal);
        Assert.Contains("https://zoom.us/j/0000000000", ics, StringComparison.Ordinal);
    }
}
