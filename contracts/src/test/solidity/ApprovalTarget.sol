// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Test contract with every kind of approval the settlement watches for: ERC-20 allowances (approve,
/// increaseAllowance), ERC-721/1155 operators (setApprovalForAll), ERC-777 operators (authorizeOperator) and
/// Permit2-style allowances. Each can be granted and taken back, and the queries can be made to revert.
contract ApprovalTarget {
    mapping(address => mapping(address => uint256)) private allowances;
    mapping(address => mapping(address => bool)) private approvedForAll;
    mapping(address => mapping(address => bool)) private operators;
    mapping(address => mapping(address => mapping(address => uint160))) private permit2Amounts;
    bool public queriesRevert;

    error QueryRefused();

    function setQueriesRevert(bool on) external {
        queriesRevert = on;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowances[msg.sender][spender] = amount;
        return true;
    }

    function increaseAllowance(address spender, uint256 added) external returns (bool) {
        allowances[msg.sender][spender] += added;
        return true;
    }

    function setApprovalForAll(address operator, bool approved) external {
        approvedForAll[msg.sender][operator] = approved;
    }

    function authorizeOperator(address operator) external {
        operators[msg.sender][operator] = true;
    }

    function revokeOperator(address operator) external {
        operators[msg.sender][operator] = false;
    }

    function allowance(address owner, address spender) external view returns (uint256) {
        if (queriesRevert) revert QueryRefused();
        return allowances[owner][spender];
    }

    function isApprovedForAll(address owner, address operator) external view returns (bool) {
        if (queriesRevert) revert QueryRefused();
        return approvedForAll[owner][operator];
    }

    function isOperatorFor(address operator, address holder) external view returns (bool) {
        if (queriesRevert) revert QueryRefused();
        return operators[holder][operator];
    }

    /// Permit2's signature: approve(token, spender, amount, expiration).
    function approve(address token, address spender, uint160 amount, uint48) external {
        permit2Amounts[msg.sender][token][spender] = amount;
    }

    /// Permit2's signature: allowance(owner, token, spender) returns (amount, expiration, nonce).
    function allowance(address owner, address token, address spender) external view returns (uint160, uint48, uint48) {
        if (queriesRevert) revert QueryRefused();
        return (permit2Amounts[owner][token][spender], type(uint48).max, 0);
    }
}
