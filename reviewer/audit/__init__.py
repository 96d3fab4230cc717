"""Cleanup audits (清理): the law catalogue in the archive, the citation index, per-document audit
reasons, proposed outcomes, the parallel resumable run and the workbook staff decide in.

Data flows one way: catalogue + citation index → checks (reasons) → outcome → audit_results →
workbook → decisions → document statuses and the published lists.
"""
