using System.Net;

namespace BathroomAftersales.Web.Infrastructure;

/// <summary>
/// Security events, one method each, so they are searchable by event id and never carry a password or a token.
/// </summary>
public static partial class SecurityLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "User {UserId} signed in from {RemoteIp}")]
    public static partial void SignedIn(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Sign-in failed for user {UserId} from {RemoteIp}")]
    public static partial void SignInFailed(this ILogger logger, string? userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Sign-in refused: user {UserId} is locked out ({RemoteIp})")]
    public static partial void LockedOut(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Sign-in refused: user {UserId} is deactivated ({RemoteIp})")]
    public static partial void DeactivatedSignIn(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "User {UserId} signed out")]
    public static partial void SignedOut(this ILogger logger, string? userId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "User {UserId} signed out; the security stamp was renewed so copies of the session cookie stop working")]
    public static partial void SessionRevoked(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning, Message = "Rate limit reached: POST {Path} by {User} from {RemoteIp} refused with 429")]
    public static partial void RateLimited(this ILogger logger, string path, string? user, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Customer account {UserId} registered")]
    public static partial void Registered(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Registration conflicted with a concurrent one")]
    public static partial void RegistrationConflict(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Admin {Admin} created account {UserId} with role {Role}")]
    public static partial void AccountCreated(this ILogger logger, string? admin, string userId, string role);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Admin {Admin} reset the password of account {UserId}")]
    public static partial void PasswordReset(this ILogger logger, string? admin, string userId);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Admin {Admin} set account {UserId} active = {Active}")]
    public static partial void AccountActivation(this ILogger logger, string? admin, string userId, bool active);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "Access denied (403) to user {UserId} from {RemoteIp} for {Method} {Path}, trace {TraceId}")]
    public static partial void AccessDenied(this ILogger logger, string? userId, IPAddress? remoteIp, string method, string path, string traceId);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Export of {Dataset} refused to {UserId}")]
    public static partial void ExportRefused(this ILogger logger, string? userId, string dataset);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "{UserId} exported {Dataset}: {Rows} rows")]
    public static partial void Exported(this ILogger logger, string? userId, string dataset, int rows);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "{UserId} merged customer {SourceId} into {TargetId}")]
    public static partial void CustomersMerged(this ILogger logger, string? userId, int sourceId, int targetId);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Information, Message = "User {UserId} turned two-factor sign-in on")]
    public static partial void TwoFactorEnabled(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Information, Message = "User {UserId} turned two-factor sign-in off")]
    public static partial void TwoFactorDisabled(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Information, Message = "User {UserId} reset their authenticator key")]
    public static partial void AuthenticatorKeyReset(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Information, Message = "User {UserId} generated new recovery codes")]
    public static partial void RecoveryCodesGenerated(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1044, Level = LogLevel.Warning, Message = "User {UserId} signed in with a recovery code from {RemoteIp}; {Left} codes left")]
    public static partial void RecoveryCodeUsed(this ILogger logger, string userId, IPAddress? remoteIp, int left);

    [LoggerMessage(EventId = 1045, Level = LogLevel.Warning, Message = "Two-factor code refused for user {UserId} from {RemoteIp}")]
    public static partial void TwoFactorCodeFailed(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1046, Level = LogLevel.Warning, Message = "Recovery code refused for user {UserId} from {RemoteIp}")]
    public static partial void RecoveryCodeFailed(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1047, Level = LogLevel.Information, Message = "User {UserId} asked for the second sign-in step from {RemoteIp}")]
    public static partial void TwoFactorRequired(this ILogger logger, string userId, IPAddress? remoteIp);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "Two-factor code refused for user {UserId}: its time step was used already")]
    public static partial void TwoFactorCodeReplayed(this ILogger logger, string userId);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Warning, Message = "Two-factor change {Change} refused for user {UserId} from {RemoteIp}: no valid current code; nothing changed")]
    public static partial void TwoFactorChangeRefused(this ILogger logger, string userId, IPAddress? remoteIp, string change);
}
