using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Warta.Web.Academy;

/// <summary>
/// A course as an RFC 5545 calendar: one VEVENT per session, times in UTC, with a UID that stays the same when the file
/// is sent again (a calendar updates the event instead of adding a second one). Ical.Net folds and escapes the lines.
/// </summary>
public static class CourseCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8; method=PUBLISH";

    public static string FileName(Course course) => course.Slug + ".ics";

    /// <param name="courseUrl">The course page's absolute address.</param>
    /// <param name="host">The site's host name, making each UID unique worldwide.</param>
    public static string Build(Course course, string courseUrl, string host, DateTimeOffset stamp)
    {
        var calendar = new Calendar { ProductId = "-//Warta//Academy//ID", Method = "PUBLISH" };
        foreach (var session in course.Schedule())
        {
            var summary = session.Title is null ? course.Title : course.Title + " – " + session.Title;
            var url = new Uri(session.OnlineUrl ?? courseUrl);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"kelas-{course.Id:N}-sesi-{session.Position}@{host}",
                DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
                DtStart = new CalDateTime(session.StartsAt.UtcDateTime, CalDateTime.UtcTzId),
                DtEnd = new CalDateTime(session.EndsAt.UtcDateTime, CalDateTime.UtcTzId),
                Summary = summary,
                Location = session.Venue ?? session.OnlineUrl ?? courseUrl,
                Url = url,
                Description = course.Summary is null ? courseUrl : course.Summary + "\n" + courseUrl,
            });
        }
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
