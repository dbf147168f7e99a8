using System.Net;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;
using Warta.Tests.Infrastructure;
using Warta.Web.Academy;
using Warta.Web.Academy.Admin;
using Warta.Web.Shared;

namespace Warta.Tests.Academy;

/// <summary>Issue 12, item 5: admins see a course's attendees and export them; the course form takes sessions, instructors and a description.</summary>
public sealed class AttendeeAdminTests(AcademyApp app) : IClassFixture<AcademyApp>
{
    [Fact]
    public async Task The_attendee_export_lists_confirmed_then_waiting_readers_and_writes_formula_like_values_as_text()
    {
        var course = await app.CourseAsync("Kelas Ekspor", 0m, 2);
        string[] names = ["=HYPERLINK(\"http://jahat.test\",\"klik\")", "Budi, Santoso", "+62 812 555", "@SUM(A1:A2)"];
        var emails = names.Select((_, i) => $"ekspor{i}-{Guid.NewGuid():N}@pembaca.test").ToArray();
        for (var i = 0; i < names.Length; i++) await app.RegisterAsync(await app.ReaderAsync(emails[i], names[i]), course);
        var admin = await app.StaffAsync(StaffRoles.Admin);

        var response = await admin.Http.GetAsync(AcademyRoutes.AttendeesUrlOf(course.Id) + "?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"peserta-{course.Slug}.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var csv = CsvDataReader.Create(new StringReader(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Nama", csv.GetName(1));
        var rows = new List<(string No, string Name, string Email, string Status)>();
        while (await csv.ReadAsync()) rows.Add((csv.GetString(0), csv.GetString(1), csv.GetString(2), csv.GetString(3)));
        Assert.Equal(
        [
            ("1", "'=HYPERLINK(\"http://jahat.test\",\"klik\")", emails[0], "terkonfirmasi"),
            ("2", "Budi, Santoso", emails[1], "terkonfirmasi"),
            ("3", "'+62 812 555", emails[2], "daftar tunggu"),
            ("4", "'@SUM(A1:A2)", emails[3], "daftar tunggu"),
        ], rows);

        var page = await (await admin.Http.GetAsync(AcademyRoutes.AttendeesUrlOf(course.Id))).DocumentAsync();
        Assert.Equal(["confirmed", "confirmed", "waiting", "waiting"], page.QuerySelectorAll("table.attendees tbody tr").Select(r => r.GetAttribute("data-status")));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+628123", "'+628123")]
    [InlineData("-2", "'-2")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("Sari", "Sari")]
    [InlineData("", "")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(string value, string written) =>
        Assert.Equal(written, AttendeeCsv.Cell(value));

    [Fact]
    public async Task Only_admins_open_the_attendee_list_and_its_export()
    {
        var course = await app.CourseAsync("Kelas Rahasia Peserta", 0m, 2);
        var address = AcademyRoutes.AttendeesUrlOf(course.Id);

        var anonymous = await app.Browser().GetAsync(address + "?handler=Csv");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith(StaffRoutes.SignIn + "?ReturnUrl=", anonymous.Headers.Location!.PathAndQuery);
        var reader = await app.ReaderAsync($"pembaca-{Guid.NewGuid():N}@pembaca.test");
        Assert.Equal(HttpStatusCode.Redirect, (await reader.GetAsync(address)).StatusCode);
        foreach (var role in new[] { StaffRoles.Writer, StaffRoles.Editor })
        {
            var staff = await app.StaffAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, await staff.Http.StatusOfAsync(address));
            Assert.Equal(HttpStatusCode.Forbidden, await staff.Http.StatusOfAsync(address + "?handler=Csv"));
        }
        Assert.Equal(HttpStatusCode.OK, await (await app.StaffAsync(StaffRoles.Admin)).Http.StatusOfAsync(address));
        Assert.Equal(HttpStatusCode.NotFound, await (await app.StaffAsync(StaffRoles.Admin)).Http.StatusOfAsync(AcademyRoutes.AttendeesUrlOf(Guid.NewGuid())));
    }

    [Fact]
    public async Task An_admin_saves_sessions_in_WIB_instructors_and_a_cleaned_description_and_the_course_page_shows_them()
    {
        var admin = await app.SignedInAsync((await app.AddStaffAsync($"admin-kelas-{Guid.NewGuid():N}@warta.test", StaffRoles.Admin)).Email!);
        var day = Indonesian.WibInput(Indonesian.StartOfWibDay(app.Clock.GetUtcNow()).AddDays(20))[..10];
        var fields = new Dictionary<string, string>
        {
            ["form.Title"] = "Kelas Lengkap Dua Sesi", ["form.Price"] = "Rp 1.500.000", ["form.Seats"] = "25", ["form.Hashtags"] = "#Saham",
            ["form.Description"] = "<p>Belajar <strong>bersama</strong>.</p><script>alert(1)</script><p onclick=\"x()\">Praktik</p>",
            ["form.Sessions[0].Title"] = "Teori", ["form.Sessions[0].StartsAt"] = day + "T09:00", ["form.Sessions[0].EndsAt"] = day + "T12:00", ["form.Sessions[0].Venue"] = "Menara Warta, Jakarta",
            ["form.Sessions[1].StartsAt"] = day + "T19:00", ["form.Sessions[1].EndsAt"] = day + "T21:00", ["form.Sessions[1].OnlineUrl"] = "https://meet.example.test/kelas",
            ["form.Sessions[2].StartsAt"] = "", ["form.Sessions[2].EndsAt"] = "",
            ["form.Instructors[0].Name"] = "Rina Hartono", ["form.Instructors[0].Bio"] = "Analis ekuitas", ["form.Instructors[1].Name"] = "",
        };

        await (await admin.SubmitAsync("/redaksi/admin/kelas", fields, "/redaksi/admin/kelas?handler=Save")).DocumentAsync();

        var course = await app.InDbAsync(db => db.Courses.AsNoTracking().Include(c => c.Sessions).Include(c => c.Instructors).AsSplitQuery().SingleAsync(c => c.Title == "Kelas Lengkap Dua Sesi"));
        Assert.Equal("<p>Belajar <strong>bersama</strong>.</p><p>Praktik</p>", course.Description);
        Assert.Equal(1_500_000m, course.Price);
        Assert.Equal(Indonesian.FromWib(DateTime.Parse(day + "T09:00", System.Globalization.CultureInfo.InvariantCulture)), course.StartsAt);
        Assert.Equal(Indonesian.FromWib(DateTime.Parse(day + "T21:00", System.Globalization.CultureInfo.InvariantCulture)), course.EndsAt);
        Assert.Equal(["Menara Warta, Jakarta", null], course.Sessions.OrderBy(s => s.Position).Select(s => s.Venue));
        Assert.Equal(["Rina Hartono"], course.Instructors.Select(i => i.Name));

        var page = await app.Browser().GetPageAsync(AcademyRoutes.CourseUrlOf(course.Slug));
        Assert.Equal(2, page.QuerySelectorAll(".course-sessions li").Length);
        Assert.StartsWith(Indonesian.DateTime(course.StartsAt) + " – 12:00 WIB, Teori", page.Text(".course-sessions li"));
        Assert.Null(page.QuerySelector(".course-description script"));
        Assert.Equal("Rina Hartono — Analis ekuitas", page.Text(".course-instructors li"));
    }

    [Fact]
    public async Task A_session_without_a_place_or_ending_before_it_starts_is_refused_by_field_and_nothing_is_saved()
    {
        var admin = await app.SignedInAsync((await app.AddStaffAsync($"admin-salah-{Guid.NewGuid():N}@warta.test", StaffRoles.Admin)).Email!);
        var day = Indonesian.WibInput(Indonesian.StartOfWibDay(app.Clock.GetUtcNow()).AddDays(20))[..10];

        var refused = await admin.SubmitAsync("/redaksi/admin/kelas", new()
        {
            ["form.Title"] = "Kelas Salah Sesi", ["form.Price"] = "100000", ["form.Seats"] = "10",
            ["form.Sessions[0].StartsAt"] = day + "T09:00", ["form.Sessions[0].EndsAt"] = day + "T12:00",
            ["form.Sessions[1].StartsAt"] = day + "T15:00", ["form.Sessions[1].EndsAt"] = day + "T14:00", ["form.Sessions[1].Venue"] = "Jakarta",
        }, "/redaksi/admin/kelas?handler=Save");

        var page = await refused.DocumentAsync(400);
        Assert.Equal(["sessions[0].venue", "sessions[1].endsAt"], page.QuerySelectorAll("[data-field]").Select(e => e.GetAttribute("data-field")!).Order(StringComparer.Ordinal));
        Assert.False(await app.InDbAsync(db => db.Courses.AnyAsync(c => c.Title == "Kelas Salah Sesi")));
    }
}
