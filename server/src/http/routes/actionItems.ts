import type { Router } from 'express';
import { ActionItemQuery, PatchActionItemBody } from '../../../../shared/api/actionItems.js';
import { actionItemsCsv } from '../../actionItems/csv.js';
import { changeItemStatus, todayUtc, trackedItems } from '../../commands/actionItems.js';
import type { AppContext } from '../../context.js';
import { presentActionItem } from '../../presenters/actionItem.js';
import { localeOf } from '../../presenters/user.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function actionItemRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/action-items', 'user', async ({ req, actor }) => {
    const query = parse(ActionItemQuery, req.query, 'query');
    return { body: (await trackedItems(ctx, actor, query)).map(presentActionItem) };
  });

  route(router, ctx, 'get', '/action-items.csv', 'user', async ({ req, res, actor }) => {
    const query = parse(ActionItemQuery, req.query, 'query');
    const items = (await trackedItems(ctx, actor, query)).map(presentActionItem);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`action-items-${todayUtc()}.csv`)
      .send(actionItemsCsv(items, localeOf(actor.user, req.headers['accept-language'])));
  });

  route(router, ctx, 'patch', '/action-items/:itemId', 'user', async ({ req, actor }) => {
    const { status } = parse(PatchActionItemBody, req.body);
    const row = await changeItemStatus(ctx, actor, String(req.params.itemId), status, clientIp(req));
    return { body: presentActionItem(row) };
  });
}
