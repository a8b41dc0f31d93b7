import { SESSION_COOKIE } from '../../../shared/api/auth.js';
import type { GroupDto, MemberRole } from '../../../shared/api/groups.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A REST client holding one session cookie, like one browser. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public cookie?: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await client.request('POST', '/api/auth/login', { email, password });
    if (res.status !== 204) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return client;
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  async ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  createGroup(nameAr = 'مجموعة العمل في مجال الدفاع', nameEn = 'Defence working group'): Promise<GroupDto> {
    return this.ok('POST', '/api/groups', { nameAr, nameEn });
  }

  createMeeting(groupId: string, fields: Record<string, unknown> = {}): Promise<MeetingDto> {
    return this.ok('POST', `/api/groups/${groupId}/meetings`, {
      titleAr: 'الاجتماع السادس عشر',
      titleEn: 'Sixteenth meeting',
      startsAt: '2026-12-02T10:00:00+03:00',
      ...fields,
    });
  }

  /** Creates a user (admin only) and adds them to a group with a role; returns their signed-in client. */
  async addMember(groupId: string, role: MemberRole, name: string = role): Promise<{ client: ApiClient; userId: string; email: string }> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${Math.random().toString(36).slice(2, 8)}@example.test`;
    const password = 'member-password-123';
    const { id } = await this.ok<{ id: string }>('POST', '/api/users', { email, name, password });
    await this.ok('PUT', `/api/groups/${groupId}/members/${id}`, { role });
    return { client: await ApiClient.signIn(this.baseUrl, email, password), userId: id, email };
  }

  async minutesText(meetingId: string): Promise<string> {
    const res = await this.request<string>('GET', `/api/meetings/${meetingId}/minutes?format=text`);
    if (res.status !== 200) throw new Error(`minutes → ${res.status}`);
    return res.body;
  }
}
