using System.Data;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sylvan.Data.Csv;
using Warta.Web.Accounts.Staff;
using Warta.Web.Data;
using Warta.Web.Shared;

namespace Warta.Web.Academy.Admin;

public sealed record Attendee(long Id, string Name, string Email, RegistrationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? ConfirmedAt,
    DateTimeOffset? HeldUntil, string? OrderNumber, DateTimeOffset? PaidWaitingSince)
{
    /// <summary>Paid, and no seat was left: to be seated first (add a seat) or refunded.</summary>
    public bool PaidWithoutSeat => Status == RegistrationStatus.Waiting && PaidWaitingSince is not null;
}

/// <summary>
/// Who is coming to a course: confirmed, holding a seat, waiting (in the order the line moves up: readers who paid
/// without a seat first), and the same as CSV.
/// </summary>
[StaffPolicy(StaffAccess.AdminPolicy)]
public sealed class AttendeesModel(WartaDb db) : StaffPage
{
    public Course Course { get; private set; } = null!;
    public IReadOnlyList<Attendee> Attendees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(Guid id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return File(Encoding.UTF8.GetBytes(AttendeeCsv.Write(Attendees)), "text/csv; charset=utf-8", $"peserta-{Course.Slug}.csv");
    }

    async Task<bool> LoadAsync(Guid id)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (course is null) return false;
        Course = course;
        var rows = await (from r in db.Registrations.AsNoTracking()
                          join reader in db.Readers.AsNoTracking() on r.ReaderId equals reader.Id
                          where r.CourseId == id
                          select new Attendee(r.Id, reader.DisplayName, reader.Email ?? "", r.Status, r.CreatedAt, r.ConfirmedAt, r.HeldUntil, r.OrderNumber, r.PaidWaitingSince)).ToListAsync();
        // Confirmed first, then held seats, then the waiting list in the order it moves up (Seating.WaitingLine).
        Attendees = rows.OrderByDescending(a => a.Status).ThenBy(a => !a.PaidWithoutSeat).ThenBy(a => a.PaidWithoutSeat ? a.PaidWaitingSince : null).ThenBy(a => a.Id).ToList();
        return true;
    }
}

/// <summary>Attendees as CSV for a spreadsheet. A cell that a spreadsheet would run as a formula is written as text.</summary>
public static class AttendeeCsv
{
    public static string Write(IEnumerable<Attendee> attendees)
    {
        var table = new DataTable();
        foreach (var column in new[] { "No", "Nama", "Email", "Status", "Mendaftar (WIB)", "Terkonfirmasi (WIB)", "Kursi ditahan sampai (WIB)", "Pesanan" })
            table.Columns.Add(column, typeof(string));
        var number = 0;
        foreach (var a in attendees)
            table.Rows.Add([.. new[]
            {
                (++number).ToString(System.Globalization.CultureInfo.InvariantCulture), a.Name, a.Email, StatusName(a), Indonesian.WibInput(a.CreatedAt),
                Indonesian.WibInput(a.ConfirmedAt), Indonesian.WibInput(a.HeldUntil), a.OrderNumber ?? "",
            }.Select(Cell)]);
        using var text = new StringWriter();
        using (var writer = CsvDataWriter.Create(text))
            writer.Write(table.CreateDataReader());
        return text.ToString();
    }

    public static string StatusName(Attendee attendee) => attendee.Status switch
    {
        RegistrationStatus.Confirmed => "terkonfirmasi",
        RegistrationStatus.Held => "kursi ditahan",
        _ when attendee.PaidWithoutSeat => "lunas, menunggu kursi",
        _ => "daftar tunggu",
    };

    /// <summary>
    /// OWASP's guard against CSV injection: a value a spreadsheet reads as a formula (=, +, -, @, or a tab or carriage
    /// return before one) gets a leading apostrophe, so it shows as the text it is.
    /// </summary>
    public static string Cell(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
