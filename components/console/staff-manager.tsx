"use client";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select, SelectField, TextField } from "@/components/ui/field";
import { EmptyRow, Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type StaffRole } from "@/lib/auth/roles";
import {
  changeStaffRoleAction,
  createStaffAction,
  resetStaffPasswordAction,
  setStaffDisabledAction,
} from "@/lib/staff/actions";
import { useResultAction } from "./use-result-action";

export type StaffRow = {
  id: string;
  email: string;
  name: string | null;
  role: StaffRole;
  disabled: boolean;
  lastLogin: string | null;
};

const ROLES: StaffRole[] = ["owner", "agent", "viewer"];

export function AddStaffDialog() {
  const create = useResultAction(createStaffAction);
  return (
    <Dialog
      title="Add a staff member"
      description="They sign in with this e-mail and password; share the password with them securely."
      trigger={{ label: "Add staff member", variant: "primary" }}
    >
      {(close) => (
        <form
          noValidate
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            create.run(
              {
                email: String(f.get("email") ?? ""),
                name: String(f.get("name") ?? "") || undefined,
                role: String(f.get("role") ?? "") as StaffRole,
                password: String(f.get("password") ?? ""),
              },
              { onSuccess: close },
            );
          }}
        >
          {create.feedback && <Alert tone={create.feedback.tone}>{create.feedback.message}</Alert>}
          <TextField
            label="E-mail"
            name="email"
            type="email"
            autoComplete="off"
            required
            errors={create.fieldErrors.email}
          />
          <TextField label="Name" name="name" autoComplete="off" errors={create.fieldErrors.name} />
          <SelectField label="Role" name="role" defaultValue="agent" errors={create.fieldErrors.role}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]} — {ROLE_DESCRIPTIONS[r]}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            errors={create.fieldErrors.password}
          />
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" pending={create.pending}>
              Add staff member
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

export function StaffTable({ rows, selfId }: { rows: StaffRow[]; selfId: string }) {
  return (
    <Table label="Staff">
      <THead>
        <tr>
          <Th>Staff member</Th>
          <Th>Role</Th>
          <Th>Status</Th>
          <Th>Last sign-in</Th>
          <Th>Actions</Th>
        </tr>
      </THead>
      <TBody>
        {rows.length === 0 && <EmptyRow colSpan={5}>No staff yet.</EmptyRow>}
        {rows.map((row) => (
          <StaffRowView key={row.id} row={row} self={row.id === selfId} />
        ))}
      </TBody>
    </Table>
  );
}

function StaffRowView({ row, self }: { row: StaffRow; self: boolean }) {
  const role = useResultAction(changeStaffRoleAction);
  const disable = useResultAction(setStaffDisabledAction);
  const reset = useResultAction(resetStaffPasswordAction);
  const feedback = role.feedback ?? disable.feedback ?? reset.feedback;
  const label = row.name ?? row.email;
  return (
    <Tr className={row.disabled ? "text-stone-500" : undefined}>
      <Td>
        <span className="block font-medium">
          {row.name ?? row.email}
          {self && <span className="ml-1 text-xs font-normal text-stone-600">(you)</span>}
        </span>
        {row.name && <span className="text-xs text-stone-600">{row.email}</span>}
        {feedback && (
          <p
            className={
              feedback.tone === "error" ? "mt-1 text-xs text-red-700" : "mt-1 text-xs text-emerald-700"
            }
            role="status"
          >
            {feedback.message}
          </p>
        )}
      </Td>
      <Td>
        <Select
          aria-label={`Role of ${label}`}
          value={row.role}
          disabled={role.pending || row.disabled}
          onChange={(e) =>
            role.run({ staffId: row.id, role: e.target.value as StaffRole }, { success: "Role changed." })
          }
          className="w-32"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </Select>
      </Td>
      <Td>{row.disabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Td>
      <Td className="whitespace-nowrap text-stone-600">{row.lastLogin ?? "Never"}</Td>
      <Td>
        <div className="flex flex-wrap gap-2">
          {!self && (
            <Button
              size="sm"
              variant={row.disabled ? "secondary" : "danger"}
              pending={disable.pending}
              aria-label={`${row.disabled ? "Enable" : "Disable"} ${label}`}
              onClick={() =>
                disable.run(
                  { staffId: row.id, disabled: !row.disabled },
                  { success: row.disabled ? "Enabled." : "Disabled: signed out everywhere." },
                )
              }
            >
              {row.disabled ? "Enable" : "Disable"}
            </Button>
          )}
          <Dialog title={`New password for ${label}`} trigger={{ label: "Set password…", size: "sm" }}>
            {(close) => (
              <form
                className="space-y-3"
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  const password = String(new FormData(e.currentTarget).get("password") ?? "");
                  reset.run(
                    { staffId: row.id, password },
                    { success: "Password changed.", onSuccess: close },
                  );
                }}
              >
                <TextField
                  label="New password"
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  hint="At least 10 characters."
                  errors={reset.fieldErrors.password}
                />
                <div className="flex justify-end gap-2">
                  <Button onClick={close}>Cancel</Button>
                  <Button type="submit" variant="primary" pending={reset.pending}>
                    Set password
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </div>
      </Td>
    </Tr>
  );
}
